using System.Globalization;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli;

/// <summary>What an export has done so far, for the live line and the summary.</summary>
internal sealed class ExportProgress(ExportSettings settings, IBounceTarget target, bool live, TimeProvider timeProvider)
{
    private readonly long _started = timeProvider.GetTimestamp();

    public long Records { get; set; }

    public int Pages { get; set; }

    public long Rejected { get; set; }

    public long? Next { get; set; }

    public string Rate => (Records / Math.Max(Elapsed.TotalSeconds, 0.001)).ToString("F0", CultureInfo.InvariantCulture);

    private TimeSpan Elapsed => timeProvider.GetElapsedTime(_started);

    public async Task SummaryAsync(TextWriter error, string outcome)
    {
        if (live)
        {
            await error.WriteLineAsync();
        }

        var rejected = settings.SkipInvalid || Rejected > 0 ? $", {Rejected} rejected" : string.Empty;
        await error.WriteLineAsync(
            $"{outcome}: {Counts.Of(Records, "record")}{rejected} in {Counts.Of(Pages, "page")} into {target.Description} in {Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s ({Rate} records/s); next start ID {Next?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }
}
