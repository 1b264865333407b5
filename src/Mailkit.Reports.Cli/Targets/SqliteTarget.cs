using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>A SQLite file: table <c>raw_bounces</c> and the export's checkpoint, written in one transaction per page.</summary>
internal sealed class SqliteTarget(string path) : IBounceTarget
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS raw_bounces (
            id_undelivered_log INTEGER PRIMARY KEY,
            id_message INTEGER,
            id_send INTEGER,
            id_send_messge INTEGER,
            id_email INTEGER,
            id_user_list INTEGER,
            email TEXT NOT NULL,
            status TEXT NOT NULL,
            text_status TEXT NOT NULL,
            remote_mta TEXT NOT NULL,
            recipient_status TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE IF NOT EXISTS export_checkpoints (
            query TEXT PRIMARY KEY,
            next_start_id INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;

    private SqliteConnection? _connection;
    private string _query = string.Empty;

    public string Description => $"SQLite {path}";

    public async Task<long?> OpenAsync(string queryKey, CancellationToken cancellationToken)
    {
        _query = queryKey;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await _connection.OpenAsync(cancellationToken);
        await using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = _connection.CreateCommand();
        read.CommandText = "SELECT next_start_id FROM export_checkpoints WHERE query = $query";
        read.Parameters.AddWithValue("$query", queryKey);
        return await read.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    public async Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The target is not open.");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT OR IGNORE INTO raw_bounces ({string.Join(", ", RawFields.Columns)}, extra) VALUES ({string.Join(", ", RawFields.Columns.Select(c => "$" + c))}, $extra)";
            var parameters = RawFields.Columns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
            var extra = insert.Parameters.Add("$extra", SqliteType.Text);
            insert.Prepare();
            foreach (var record in records)
            {
                var values = RawFields.DocumentedValues(record);
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = i < 6 ? (values[i] is { Length: > 0 } id ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : DBNull.Value) : values[i];
                }

                extra.Value = RawFields.ExtraJson(record);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.Transaction = transaction;
            checkpoint.CommandText = """
                INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES ($query, $next, $now)
                ON CONFLICT (query) DO UPDATE SET next_start_id = excluded.next_start_id, updated_at = excluded.updated_at
                """;
            checkpoint.Parameters.AddWithValue("$query", _query);
            checkpoint.Parameters.AddWithValue("$next", nextStartId);
            checkpoint.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        // The page and its checkpoint commit together even when the export is being cancelled.
        await transaction.CommitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
