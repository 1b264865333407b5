using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Enrichment;

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
    /// Creates the target: the enrichment step, which classifies each page with <paramref name="classifier"/>, before
    /// the store; throws <see cref="TargetException"/> for a connection string that cannot be used.
    /// </summary>
    public static IBounceTarget Create(string target, ExportFormat format, bool csvRaw, TimeProvider timeProvider, BounceClassifier classifier) =>
        new ClassifyingTarget(new BounceEnrichment(classifier), CreateStore(target, format, csvRaw, timeProvider));

    private static IBounceStore CreateStore(string target, ExportFormat format, bool csvRaw, TimeProvider timeProvider) => format switch
    {
        ExportFormat.Sqlite => new SqliteTarget(target, timeProvider),
        ExportFormat.Postgres => new PostgresTarget(PostgresConnectionString.Normalize(target)),
        ExportFormat.Ndjson => new NdjsonTarget(target),
        ExportFormat.Csv => new CsvTarget(target, csvRaw),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };
}
