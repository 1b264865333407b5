namespace Mailkit.Reports.Cli.Datasets;

/// <summary>What a column holds, which decides its type in each store.</summary>
internal enum ColumnKind
{
    /// <summary>A Mailkit ID or a count: SQLite <c>INTEGER</c>, PostgreSQL <c>bigint</c>.</summary>
    Integer,

    /// <summary>A text as Mailkit sent it: <c>TEXT</c>, <c>text</c>.</summary>
    Text,

    /// <summary>An instant in UTC: SQLite <c>TEXT</c> <c>yyyy-MM-ddTHH:mm:ssZ</c>, PostgreSQL <c>timestamptz</c>.</summary>
    Time,

    /// <summary>The keys the SDK does not know, as one JSON object: SQLite <c>TEXT</c>, PostgreSQL <c>jsonb</c>.</summary>
    Json,
}
