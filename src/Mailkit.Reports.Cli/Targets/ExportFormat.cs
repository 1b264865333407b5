namespace Mailkit.Reports.Cli.Targets;

/// <summary>What an export writes, and what <c>stats</c> reads; named on the command line by <see cref="ExportFormatNames"/>.</summary>
internal enum ExportFormat
{
    /// <summary>A SQLite database file (<c>sqlite</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>postgres</c>).</summary>
    Postgres,

    /// <summary>A file of one JSON object per line (<c>ndjson</c>).</summary>
    Ndjson,

    /// <summary>An RFC 4180 CSV file (<c>csv</c>).</summary>
    Csv,
}
