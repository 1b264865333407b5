namespace Mailkit.Reports.Cli.Report;

/// <summary>A sender-side reason: how many bounces, the domains that say so (most first), and one reply, as stored.</summary>
internal sealed record SenderRow(string Reason, long Count, IReadOnlyList<(string Domain, long Count)> Domains, string ExampleReply);
