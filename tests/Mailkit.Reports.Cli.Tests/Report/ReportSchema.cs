using System.Data.Common;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>
/// The export's tables as the report reads them: the stores' own schema (<see cref="SqliteTarget.Schema"/>,
/// <see cref="PostgresTarget.Schema"/>), with the datasets' tables or the bounces' send and bounce times taken away
/// where a test needs an export without them. Every report test creates its tables from here.
/// </summary>
internal static class ReportSchema
{
    /// <summary>The tables of the datasets besides bounces.</summary>
    private static readonly string[] DatasetTables = ["raw_messages", "raw_responses", "unsubscribes", "campaigns", "campaign_sends", "message_bounces"];

    /// <summary>Creates the tables: the store's own, stamped with its schema version, without what is not asked for.</summary>
    /// <param name="connection">An open SQLite or PostgreSQL connection.</param>
    /// <param name="bounceTimes">Whether <c>raw_bounces</c> has <c>sent_at</c> and <c>bounced_at</c>.</param>
    /// <param name="datasets">Whether the other datasets' tables exist.</param>
    public static async Task CreateAsync(DbConnection connection, bool bounceTimes = true, bool datasets = true)
    {
        var postgres = connection is Npgsql.NpgsqlConnection;
        var sql = (postgres ? PostgresTarget.Schema : SqliteTarget.Schema)
            + $"INSERT INTO schema_version (id, version) VALUES (1, {SchemaVersion.Current});"
            + (bounceTimes ? string.Empty : "ALTER TABLE raw_bounces DROP COLUMN sent_at; ALTER TABLE raw_bounces DROP COLUMN bounced_at;")
            + (datasets ? string.Empty : string.Concat(DatasetTables.Select(t => $"DROP TABLE {t};")));
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
