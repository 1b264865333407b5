namespace Mailkit.Reports.Cli.Report;

/// <summary>How the report groups time (<c>--by</c>): by ISO week, starting on Monday, or by day; both in UTC.</summary>
internal enum ReportBucket
{
    /// <summary>Weeks from Monday 00:00 UTC.</summary>
    Week,

    /// <summary>Days from 00:00 UTC.</summary>
    Day,
}
