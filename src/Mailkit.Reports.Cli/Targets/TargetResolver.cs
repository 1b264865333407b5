using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>Chooses the target from <c>--output</c> and <c>--format</c>.</summary>
internal static class TargetResolver
{
    /// <summary>The format a target names: PostgreSQL for a connection string (see <see cref="PostgresConnectionString"/>), else by its extension.</summary>
    public static ExportFormat? FormatOf(string target)
    {
        if (PostgresConnectionString.Recognise(target))
        {
            return ExportFormat.Postgres;
        }

        return Path.GetExtension(target).ToLowerInvariant() switch
        {
            ".db" or ".sqlite" or ".sqlite3" => ExportFormat.Sqlite,
            ".ndjson" or ".jsonl" => ExportFormat.Ndjson,
            ".csv" => ExportFormat.Csv,
            _ => null,
        };
    }

    /// <summary>A target for messages: a PostgreSQL one as host:port/database, and nothing that may hold a secret.</summary>
    public static string Describe(string target, ExportFormat? format)
    {
        if (format == ExportFormat.Postgres || PostgresConnectionString.Recognise(target))
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

    /// <summary>
    /// Creates the target, which stores <paramref name="classifier"/>'s verdict beside each record; throws
    /// <see cref="TargetException"/> for a connection string that cannot be used.
    /// </summary>
    public static IBounceTarget Create(string target, ExportFormat format, bool csvRaw, TimeProvider timeProvider, BounceClassifier classifier) => format switch
    {
        ExportFormat.Sqlite => new SqliteTarget(target, timeProvider, classifier),
        ExportFormat.Postgres => new PostgresTarget(PostgresConnectionString.Normalize(target), classifier),
        ExportFormat.Ndjson => new NdjsonTarget(target, classifier),
        ExportFormat.Csv => new CsvTarget(target, csvRaw, classifier),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };
}
