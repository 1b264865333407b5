using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Samples.Worker;

/// <summary>The SQLite file: its schema, and connections to it.</summary>
public sealed class SuppressionDatabase
{
    private readonly string _connectionString;

    public SuppressionDatabase(IOptions<SuppressionOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens a connection whose commits are on the disk when they return.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;", cancellationToken);
        return connection;
    }

    /// <summary>Creates the tables on the first start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(
            connection,
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS bounces (
                id INTEGER PRIMARY KEY,          -- ID_UNDELIVERED_LOG: a page stored twice fails here
                campaign_id INTEGER,
                send_id INTEGER,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL,         -- the address as compared: trimmed, lower case
                status TEXT,
                recipient_status TEXT NOT NULL,
                server_reply TEXT NOT NULL,
                reason TEXT NOT NULL,            -- the classifier's reason, by its Sisimai name
                advice TEXT NOT NULL,            -- Retry, SuppressIfRepeated, Suppress or FixSending
                rule_id TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS bounces_email_key ON bounces (email_key, advice);
            CREATE TABLE IF NOT EXISTS suppressions (
                email_key TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                reason TEXT NOT NULL,
                advice TEXT NOT NULL,            -- Suppress, or SuppressIfRepeated once seen on enough sends
                bounce_id INTEGER NOT NULL);     -- the bounce that suppressed the address
            CREATE TABLE IF NOT EXISTS rejected_bounces (
                id INTEGER PRIMARY KEY,          -- ID_UNDELIVERED_LOG of a record the SDK refused (BounceSync:SkipInvalidRecords)
                field TEXT NOT NULL,             -- the field whose value was refused
                problem TEXT NOT NULL,
                record_text TEXT NOT NULL);      -- the record as Mailkit sent it, with the md5 hidden
            CREATE TABLE IF NOT EXISTS sync_cursor (
                sync_name TEXT PRIMARY KEY,
                start_id INTEGER,
                campaign_id INTEGER,
                send_id INTEGER,
                page_size INTEGER NOT NULL,
                endpoint TEXT NOT NULL,          -- the account the cursor belongs to: never the md5
                client_id INTEGER NOT NULL);
            """,
            cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
