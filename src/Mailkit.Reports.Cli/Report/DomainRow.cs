namespace Mailkit.Reports.Cli.Report;

/// <summary>A recipient domain: sent, bounced by kind (dated), undated bounces, its most common reason, and its rate jump.</summary>
internal sealed record DomainRow(string Domain, long? Sent, KindCounts Bounced, long Undated, string DominantReason, double? PastRate, double? LatestRate, bool Jumped)
{
    public double? Rate => Sent is > 0 and var sent ? (double)Bounced.Total / sent : null;
}
