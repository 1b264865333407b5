namespace Mailkit.Reports.Cli.Targets;

/// <summary>Chooses the target from <c>--output</c> and <c>--format</c>.</summary>
internal static class TargetResolver
{
    public static readonly string[] Formats = ["sqlite", "postgres", "ndjson", "csv"];

    /// <summary>The format a target names: by its extension, or PostgreSQL for a connection string.</summary>
    public static string? FormatOf(string target)
    {
        if (target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || target.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return "postgres";
        }

        return Path.GetExtension(target).ToLowerInvariant() switch
        {
            ".db" or ".sqlite" or ".sqlite3" => "sqlite",
            ".ndjson" or ".jsonl" => "ndjson",
            ".csv" => "csv",
            _ => null,
        };
    }

    public static IBounceTarget Create(string target, string format) => format switch
    {
        "sqlite" => new SqliteTarget(target),
        "postgres" => new PostgresTarget(PostgresTarget.Normalize(target)),
        "ndjson" => new NdjsonTarget(target),
        "csv" => new CsvTarget(target),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };
}
