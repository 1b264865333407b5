namespace Mailkit.Reports.Cli.Report;

/// <summary>A recipient domain's bounces as the report reads them: dated by kind, undated, and by reason.</summary>
internal sealed class DomainTally
{
    public KindCounts Dated { get; set; } = KindCounts.Zero;

    public long Undated { get; set; }

    public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);
}
