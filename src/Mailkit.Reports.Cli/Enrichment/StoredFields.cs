namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>The fields of a stored row the classifier reads, for a row stored without a verdict.</summary>
internal sealed record StoredFields(string Status, string Reply, string RemoteMta, string Email, string? Category, string RecipientStatus);
