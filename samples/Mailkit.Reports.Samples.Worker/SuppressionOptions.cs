using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Samples.Worker;

/// <summary>The <c>Suppressions</c> section: where the database is and when soft bounces suppress an address.</summary>
public sealed class SuppressionOptions
{
    public const string SectionName = "Suppressions";

    /// <summary>Gets or sets the SQLite file; a relative path is taken from the content root.</summary>
    public string DatabasePath { get; set; } = "suppressions.db";

    /// <summary>
    /// Gets or sets how many distinct sends must have soft-bounced on an address (advice
    /// <c>SuppressIfRepeated</c>) before it is suppressed; 1 or more (<see cref="SuppressionPolicy.RepeatedSends"/>).
    /// </summary>
    public int RepeatedSends { get; set; } = SuppressionPolicy.DefaultRepeatedSends;
}
