namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>The fields of a stored row the classifier reads, for a row stored without a verdict.</summary>
internal sealed record StoredFields(string Status, string Reply, string RemoteMta, string Email, string? Category, string RecipientStatus)
{
    /// <summary>Mailkit's key of its own category of a bounce, which the stores keep among the extra fields.</summary>
    public const string CategoryKey = "BOUNCE_CAT";
}
