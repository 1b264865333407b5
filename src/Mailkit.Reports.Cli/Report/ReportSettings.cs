namespace Mailkit.Reports.Cli.Report;

/// <summary>What <c>report</c> was asked for, once its options are read and checked.</summary>
/// <param name="Input">The export: a SQLite file or a PostgreSQL connection string.</param>
/// <param name="Output">The HTML file to write; a previous report there is read first, for the suppression change.</param>
/// <param name="Since">The first instant counted, or <see langword="null"/> for everything.</param>
/// <param name="By">Weeks or days.</param>
/// <param name="HardThreshold">The hard-bounce rate a period is marked at (0.02 is the usual ESP alarm).</param>
/// <param name="BounceThreshold">The rate of all bounces together a period is marked at.</param>
/// <param name="JumpFactor">How many times its own past rate a domain's latest rate must reach to be flagged.</param>
/// <param name="Repeats">The suppression policy's distinct sends for a soft bounce of the address itself.</param>
internal sealed record ReportSettings(
    string Input,
    string Output,
    DateTimeOffset? Since,
    ReportBucket By,
    double HardThreshold,
    double BounceThreshold,
    double JumpFactor,
    int Repeats)
{
    /// <summary>How many recipient domains the report lists.</summary>
    public const int TopDomains = 15;

    /// <summary>How many campaigns the report lists.</summary>
    public const int TopCampaigns = 20;

    /// <summary>The least rise of a domain's rate, in rate points, that can be flagged as a jump (one percentage point).</summary>
    public const double JumpMinimumRise = 0.01;
}
