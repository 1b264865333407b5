using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>Chooses where the datasets beside the bounces go, from <c>--output</c> and <c>--format</c>.</summary>
internal static class DatasetStores
{
    /// <summary>The store: the database's own tables, or files beside <c>--output</c> (see <see cref="DatasetFiles"/>).</summary>
    public static IDatasetStore Create(string output, ExportFormat format, bool csvRaw, TimeProvider timeProvider) => format switch
    {
        ExportFormat.Sqlite => new SqlDatasetStore(
            new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = output, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()),
            SqliteDialect.Instance,
            $"SQLite {SafeText.Path(output)}",
            timeProvider),
        ExportFormat.Postgres => CreatePostgres(PostgresConnectionString.Normalize(output), timeProvider),
        _ => new DatasetFiles(output, format, csvRaw),
    };

    private static SqlDatasetStore CreatePostgres(string connectionString, TimeProvider timeProvider) =>
        new(new NpgsqlConnection(connectionString), PostgresDialect.Instance, PostgresConnectionString.Describe(connectionString), timeProvider);
}
