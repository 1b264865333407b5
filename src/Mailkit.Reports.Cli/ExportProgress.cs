using System.Globalization;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli;

/// <summary>What an export has done so far, for the live line and the summary.</summary>
internal sealed class ExportProgress(ExportSettings settings, IBounceTarget target, bool live, TimeProvider timeProvider)
{
    private readonly long _started = timeProvider.GetTimestamp();
    private bool _lineOpen;
    private int _checks;
    private long _recordsBefore;
    private int _pagesBefore;

    public long Records { get; set; }

    public int Pages { get; set; }

    public long Rejected { get; set; }

    public long? Next { get; set; }

    /// <summary>Gets or sets how many retries the client has made so far, for the live line.</summary>
    public Func<long> Retries { get; set; } = () => 0;

    public string Rate => (Records / Math.Max(Elapsed.TotalSeconds, 0.001)).ToString("F0", CultureInfo.InvariantCulture);

    public string NextText => Next?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private TimeSpan Elapsed => timeProvider.GetElapsedTime(_started);

    /// <summary>Redraws the live line, when there is one.</summary>
    public async Task DrawAsync(TextWriter error)
    {
        if (live)
        {
            await error.WriteAsync(
                $"\r{Counts.Of(Records, "record")}, {Counts.Of(Pages, "page")}, {Rate} records/s, "
                + $"{Counts.Of(Retries(), "retry", "retries")}, next start ID {NextText}   ");
            _lineOpen = true;
        }
    }

    /// <summary>Ends the live line, if one is drawn, so that the next message starts on a line of its own.</summary>
    public void EndLiveLine(TextWriter error)
    {
        if (_lineOpen)
        {
            error.WriteLine();
            _lineOpen = false;
        }
    }

    public async Task SummaryAsync(TextWriter error, string outcome)
    {
        EndLiveLine(error);
        var rejected = settings.SkipInvalid || Rejected > 0 ? $", {Rejected} rejected" : string.Empty;
        await error.WriteLineAsync(
            $"{outcome}: {Counts.Of(Records, "record")}{rejected} in {Counts.Of(Pages, "page")} into {target.Description} "
                + $"in {Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s ({Rate} records/s); next start ID {NextText}");
    }

    /// <summary>
    /// Writes the line that closes a check of <c>export --follow</c>: what it added, the total, where the next check
    /// starts, and when. Nothing else is printed between checks.
    /// </summary>
    public async Task CheckAsync(TextWriter error, string outcome, TimeSpan wait)
    {
        _checks++;
        var records = Records - _recordsBefore;
        var pages = Pages - _pagesBefore;

        // Ends the live line of this check, so the summary starts on a line of its own.
        EndLiveLine(error);
        var now = timeProvider.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await error.WriteLineAsync(
            $"{now} check {_checks.ToString(CultureInfo.InvariantCulture)}: {outcome}; {Counts.Of(records, "new record")} in {Counts.Of(pages, "page")}, "
                + $"{Records.ToString(CultureInfo.InvariantCulture)} in all; next start ID {NextText}; next check in {OptionValues.IntervalText(wait)}");
        _recordsBefore = Records;
        _pagesBefore = Pages;
    }
}
