using System.Data.Common;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>
/// The export's tables as the report reads them: today's stores' schema (<see cref="SqliteTarget.Schema"/>,
/// <see cref="PostgresTarget.Schema"/>) with the datasets' tables and the bounces' send and bounce times added. Every
/// report test creates its tables from here.
/// </summary>
internal static class ReportSchema
{
    /// <summary>The tables of the datasets besides bounces, in SQLite (times as <c>yyyy-MM-ddTHH:mm:ssZ</c> text).</summary>
    public const string SqliteDatasets = """
        CREATE TABLE raw_messages (id_send_message INTEGER PRIMARY KEY, id_message INTEGER, id_send INTEGER, id_user_list INTEGER,
            id_email INTEGER, id_template INTEGER, type_message TEXT NOT NULL, email TEXT NOT NULL, email_date TEXT, message_date TEXT,
            date_sent TEXT, ab_version TEXT NOT NULL, message_status TEXT NOT NULL, tld TEXT NOT NULL, domain TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}');
        CREATE TABLE raw_responses (id_log INTEGER PRIMARY KEY, id_send_message INTEGER, id_message INTEGER, id_send INTEGER,
            id_email INTEGER, id_user_list INTEGER, date TEXT, type TEXT NOT NULL, email TEXT NOT NULL, domain TEXT NOT NULL,
            tld TEXT NOT NULL, id_url INTEGER, link_url TEXT NOT NULL, extra TEXT NOT NULL);
        CREATE TABLE unsubscribes (email TEXT NOT NULL, date TEXT NOT NULL, id_unsubscribe_group TEXT NOT NULL,
            PRIMARY KEY (email, date, id_unsubscribe_group));
        CREATE TABLE campaigns (id_message INTEGER PRIMARY KEY, name TEXT NOT NULL, subject TEXT NOT NULL, status TEXT NOT NULL,
            send_date TEXT, last_sent TEXT, time_zone TEXT NOT NULL, extra TEXT NOT NULL);
        """;

    /// <summary>The same tables in PostgreSQL (times as <c>timestamptz</c>).</summary>
    public const string PostgresDatasets = """
        CREATE TABLE raw_messages (id_send_message bigint PRIMARY KEY, id_message bigint, id_send bigint, id_user_list bigint,
            id_email bigint, id_template bigint, type_message text NOT NULL, email text NOT NULL, email_date timestamptz,
            message_date timestamptz, date_sent timestamptz, ab_version text NOT NULL, message_status text NOT NULL, tld text NOT NULL,
            domain text NOT NULL, extra text NOT NULL DEFAULT '{}');
        CREATE TABLE raw_responses (id_log bigint PRIMARY KEY, id_send_message bigint, id_message bigint, id_send bigint,
            id_email bigint, id_user_list bigint, date timestamptz, type text NOT NULL, email text NOT NULL, domain text NOT NULL,
            tld text NOT NULL, id_url bigint, link_url text NOT NULL, extra text NOT NULL);
        CREATE TABLE unsubscribes (email text NOT NULL, date timestamptz NOT NULL, id_unsubscribe_group text NOT NULL,
            PRIMARY KEY (email, date, id_unsubscribe_group));
        CREATE TABLE campaigns (id_message bigint PRIMARY KEY, name text NOT NULL, subject text NOT NULL, status text NOT NULL,
            send_date timestamptz, last_sent timestamptz, time_zone text NOT NULL, extra text NOT NULL);
        """;

    /// <summary>The bounces' send and bounce times, in SQLite.</summary>
    public const string SqliteBounceTimes = "ALTER TABLE raw_bounces ADD COLUMN sent_at TEXT; ALTER TABLE raw_bounces ADD COLUMN bounced_at TEXT;";

    /// <summary>The bounces' send and bounce times, in PostgreSQL.</summary>
    public const string PostgresBounceTimes = "ALTER TABLE raw_bounces ADD COLUMN sent_at timestamptz, ADD COLUMN bounced_at timestamptz;";

    /// <summary>Creates the tables: the store's own, stamped with its schema version, then the times and the datasets asked for.</summary>
    /// <param name="connection">An open SQLite or PostgreSQL connection.</param>
    /// <param name="bounceTimes">Whether <c>raw_bounces</c> has <c>sent_at</c> and <c>bounced_at</c>.</param>
    /// <param name="datasets">Whether the other datasets' tables exist.</param>
    public static async Task CreateAsync(DbConnection connection, bool bounceTimes = true, bool datasets = true)
    {
        var postgres = connection is Npgsql.NpgsqlConnection;
        var sql = (postgres ? PostgresTarget.Schema : SqliteTarget.Schema)
            + $"INSERT INTO schema_version (id, version) VALUES (1, {SchemaVersion.Current});"
            + (bounceTimes ? postgres ? PostgresBounceTimes : SqliteBounceTimes : string.Empty)
            + (datasets ? postgres ? PostgresDatasets : SqliteDatasets : string.Empty);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
