namespace Mailkit.Reports.Cli;

/// <summary>An exported bounce as <c>stats</c> and <c>suppressions</c> read it back, with the classifier's verdict.</summary>
internal sealed record StoredBounce(
    string RecipientStatus,
    string Status,
    string Reply,
    string Email,
    string RemoteMta,
    string SendId,
    Targets.Verdict Verdict);
