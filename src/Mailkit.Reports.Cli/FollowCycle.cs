using System.Globalization;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The rhythm of <c>export --follow</c>: one summary line per check, then a quiet wait of <c>--interval</c> on the
/// tool's clock. Nothing else is printed between checks.
/// </summary>
internal sealed class FollowCycle(ExportSettings settings, TimeProvider timeProvider)
{
    private int _checks;
    private long _recordsBefore;
    private int _pagesBefore;

    /// <summary>Writes the line that closes a check: what it added, the total, where the next check starts, and when.</summary>
    public async Task ReportAsync(TextWriter error, ExportProgress progress, string outcome)
    {
        _checks++;
        var records = progress.Records - _recordsBefore;
        var pages = progress.Pages - _pagesBefore;

        // Ends the live line of this check, so the summary starts on a line of its own.
        progress.EndLiveLine(error);
        var now = timeProvider.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var next = progress.Next?.ToString(CultureInfo.InvariantCulture) ?? "-";
        await error.WriteLineAsync(
            $"{now} check {_checks.ToString(CultureInfo.InvariantCulture)}: {outcome}; {Counts.Of(records, "new record")} in {Counts.Of(pages, "page")}, "
                + $"{progress.Records.ToString(CultureInfo.InvariantCulture)} in all; next start ID {next}; next check in {Format(settings.Interval)}");
        _recordsBefore = progress.Records;
        _pagesBefore = progress.Pages;
    }

    /// <summary>Waits for the next check; returns <see langword="false"/> when the export was asked to stop instead.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(settings.Interval, timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Writes an interval as <c>--interval</c> takes it: <c>30s</c>, <c>15m</c>, <c>1h</c>.</summary>
    internal static string Format(TimeSpan interval) =>
        interval.TotalHours == Math.Floor(interval.TotalHours) ? $"{interval.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : interval.TotalMinutes == Math.Floor(interval.TotalMinutes) ? $"{interval.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
        : $"{Math.Floor(interval.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";
}
