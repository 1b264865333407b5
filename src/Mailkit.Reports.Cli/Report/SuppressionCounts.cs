namespace Mailkit.Reports.Cli.Report;

/// <summary>The addresses the suppression policy stops mailing now, in all and by their most common reason.</summary>
internal sealed record SuppressionCounts(long Total, IReadOnlyList<(string Reason, long Count)> ByReason);
