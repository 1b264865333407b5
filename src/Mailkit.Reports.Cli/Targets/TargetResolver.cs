namespace Mailkit.Reports.Cli.Targets;

/// <summary>Chooses the target from <c>--output</c> and <c>--format</c>.</summary>
internal static class TargetResolver
{
    public static readonly string[] Formats = ["sqlite", "postgres", "ndjson", "csv"];

    /// <summary>The format a target names: PostgreSQL for a connection string (see <see cref="PostgresConnectionString"/>), else by its extension.</summary>
    public static string? FormatOf(string target)
    {
        if (PostgresConnectionString.Recognise(target))
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

    /// <summary>A target for messages: a PostgreSQL one as host:port/database, and nothing that may hold a secret.</summary>
    public static string Describe(string target, string? format)
    {
        if (format == "postgres" || PostgresConnectionString.Recognise(target))
        {
            try
            {
                return PostgresConnectionString.Describe(PostgresConnectionString.Normalize(target));
            }
            catch (Exception ex) when (ex is TargetException or ArgumentException)
            {
                return "the PostgreSQL connection string";
            }
        }

        return SafeText.Path(target);
    }

    /// <summary>Creates the target; throws <see cref="TargetException"/> for a connection string that cannot be used.</summary>
    public static IBounceTarget Create(string target, string format, bool csvRaw) => format switch
    {
        "sqlite" => new SqliteTarget(target),
        "postgres" => new PostgresTarget(PostgresConnectionString.Normalize(target)),
        "ndjson" => new NdjsonTarget(target),
        "csv" => new CsvTarget(target, csvRaw),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };
}
