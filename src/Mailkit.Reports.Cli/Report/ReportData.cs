namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// Everything the deliverability report shows, aggregated from an export: small (it grows with the periods, domains,
/// reasons and campaigns, never with the rows), and rendered as HTML by <see cref="HtmlReport"/>.
/// </summary>
internal sealed record ReportData
{
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the export, as messages name it (a PostgreSQL one as host:port/database).</summary>
    public required string Source { get; init; }

    public required ReportSettings Settings { get; init; }

    public required Freshness Freshness { get; init; }

    /// <summary>Gets the periods with a dated bounce or a message, oldest first.</summary>
    public required IReadOnlyList<PeriodRow> Periods { get; init; }

    /// <summary>Gets the bounces with no send time, by <see cref="BounceKind"/>: counted, never in a rate.</summary>
    public required KindCounts Undated { get; init; }

    /// <summary>Gets the messages with no send time.</summary>
    public required long UndatedMessages { get; init; }

    /// <summary>Gets the classifier's reasons, most frequent first.</summary>
    public required IReadOnlyList<ReasonRow> Reasons { get; init; }

    /// <summary>Gets the top recipient domains by volume.</summary>
    public required IReadOnlyList<DomainRow> Domains { get; init; }

    /// <summary>Gets the sender-side reasons present, most frequent first.</summary>
    public required IReadOnlyList<SenderRow> SenderSide { get; init; }

    /// <summary>Gets the campaigns, worst rate first; those without messages last.</summary>
    public required IReadOnlyList<CampaignRow> Campaigns { get; init; }

    public required SuppressionCounts Suppressions { get; init; }

    /// <summary>Gets what the previous report at the same path said, or <see langword="null"/> when there was none.</summary>
    public ReportSummary? Previous { get; init; }

    /// <summary>Gets every bounce in scope: the dated ones of the periods and the undated ones.</summary>
    public long TotalBounces => Periods.Sum(p => p.Bounces.Total) + Undated.Total;
}
