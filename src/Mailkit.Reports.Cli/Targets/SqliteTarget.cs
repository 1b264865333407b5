using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Enrichment;
using Mailkit.Reports.Models;
using Mailkit.Reports.Storage;
using Microsoft.Data.Sqlite;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A SQLite file: table <c>raw_bounces</c>, the export's checkpoint and the records set aside, written in one transaction
/// per page; <c>export_account</c> says which account the file holds. An existing database with none of these tables is
/// refused, never changed. Each row also holds the classifier's verdict (<c>reason</c>, <c>hard_bounce</c> 0 or 1,
/// <c>advice</c>), handed over by the enrichment step; <c>schema_version</c> says which version of these tables the file
/// holds (see <see cref="SchemaVersion"/>).
/// </summary>
internal sealed class SqliteTarget(string path, TimeProvider timeProvider) : IBounceStore
{
    internal static readonly string Schema = """
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
            extra TEXT NOT NULL DEFAULT '{}',
            reason TEXT,
            hard_bounce INTEGER,
            advice TEXT,
            sent_at TEXT,
            bounced_at TEXT
        );
        CREATE TABLE IF NOT EXISTS export_checkpoints (
            query TEXT PRIMARY KEY,
            next_start_id INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS export_account (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            account TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rejected_bounces (
            id_undelivered_log INTEGER,
            record_text TEXT,
            reason TEXT NOT NULL,
            rejected_at TEXT NOT NULL
        );
        """ + SchemaVersion.Table + SqlDatasetStore.Schema(SqliteDialect.Instance);

    private SqliteConnection? _connection;
    private string _query = string.Empty;

    public string Description => $"SQLite {SafeText.Path(path)}";

    public bool Deduplicates => true;

    public async Task<long?> OpenAsync(string account, string queryKey, BounceEnrichment enrichment, CancellationToken cancellationToken)
    {
        _query = queryKey;
        var existed = File.Exists(path) && new FileInfo(path).Length > 0;
        OwnerOnlyFile.EnsureExists(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await _connection.OpenAsync(cancellationToken);
        try
        {
            if (existed)
            {
                await CheckAsync(_connection, account, cancellationToken);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            throw new TargetException($"{SafeText.Path(path)} is not a SQLite database; choose another --output.");
        }

        await using (var setup = _connection.CreateCommand())
        {
            // Claim the file for this account unless one already has; then whoever holds it decides.
            setup.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
            await setup.ExecuteNonQueryAsync(cancellationToken);
            setup.CommandText = "INSERT OR IGNORE INTO export_account (id, account) VALUES (1, $account); SELECT account FROM export_account WHERE id = 1;";
            setup.Parameters.AddWithValue("$account", account);
            if (await setup.ExecuteScalarAsync(cancellationToken) is string held && held != account)
            {
                throw ExportAccount.Mismatch(SafeText.Path(path), held, account);
            }
        }

        await MigrateAsync(_connection, enrichment, cancellationToken);

        await using var read = _connection.CreateCommand();
        read.CommandText = "SELECT next_start_id FROM export_checkpoints WHERE query = $query";
        read.Parameters.AddWithValue("$query", queryKey);
        return await read.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    /// <summary>Refuses a database that is not this tool's, or that holds another account's export.</summary>
    private async Task CheckAsync(SqliteConnection connection, string account, CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var name = SafeText.Path(path);
        if (tables.Count > 0 && !tables.Contains("raw_bounces") && !tables.Contains("export_checkpoints"))
        {
            throw new TargetException($"{name} is a database that mailkit-bounces did not write (it has none of its tables); choose another --output.");
        }

        if (tables.Contains("schema_version") && await SchemaVersion.ReadAsync(connection, null, cancellationToken) is { } version)
        {
            SchemaVersion.EnsureKnown(name, version);
        }

        await using var read = connection.CreateCommand();
        if (tables.Contains("export_account"))
        {
            read.CommandText = "SELECT account FROM export_account WHERE id = 1";
            if (await read.ExecuteScalarAsync(cancellationToken) is string held && held != account)
            {
                throw ExportAccount.Mismatch(name, held, account);
            }
        }
        else if (tables.Contains("raw_bounces"))
        {
            read.CommandText = "SELECT EXISTS (SELECT 1 FROM raw_bounces)";
            if (await read.ExecuteScalarAsync(cancellationToken) is long and not 0)
            {
                throw new TargetException($"{name} was written by an older mailkit-bounces and does not say which account it holds; choose another --output.");
            }
        }
    }

    /// <summary>
    /// Brings a database to <see cref="SchemaVersion.Current"/>, once, in one transaction: a database from before
    /// <c>schema_version</c> gains the verdict columns it lacks and its rows without a verdict are classified by
    /// <paramref name="enrichment"/>; one of an older version gains <c>sent_at</c> and <c>bounced_at</c> (the dataset
    /// tables are created with the schema); then it is stamped. A current database is left as it is.
    /// </summary>
    private async Task MigrateAsync(SqliteConnection connection, BounceEnrichment enrichment, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var version = await SchemaVersion.ReadAsync(connection, transaction, cancellationToken);
        if (version is { } stamped)
        {
            SchemaVersion.EnsureKnown(SafeText.Path(path), stamped);
            if (stamped == SchemaVersion.Current)
            {
                return;
            }
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var columns = connection.CreateCommand())
        {
            columns.Transaction = transaction;
            columns.CommandText = "SELECT name FROM pragma_table_info('raw_bounces')";
            await using var reader = await columns.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                present.Add(reader.GetString(0));
            }
        }

        await using (var alter = connection.CreateCommand())
        {
            alter.Transaction = transaction;
            var added = new[]
            {
                (Verdict.ReasonColumn, "TEXT"), (Verdict.HardBounceColumn, "INTEGER"), (Verdict.AdviceColumn, "TEXT"), ("sent_at", "TEXT"), ("bounced_at", "TEXT"),
            };
            foreach (var (column, type) in added)
            {
                if (!present.Contains(column))
                {
                    alter.CommandText = $"ALTER TABLE raw_bounces ADD COLUMN {column} {type}";
                    await alter.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }

        if (version is null)
        {
            await enrichment.BackfillAsync(new Backfill(connection, transaction), cancellationToken);
        }

        await using (var stamp = connection.CreateCommand())
        {
            stamp.Transaction = transaction;
            stamp.CommandText = "INSERT INTO schema_version (id, version) VALUES (1, $version) ON CONFLICT (id) DO UPDATE SET version = excluded.version";
            stamp.Parameters.AddWithValue("$version", SchemaVersion.Current);
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task WritePageAsync(IReadOnlyList<ClassifiedBounce> records, long nextStartId, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The target is not open.");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText =
                $"INSERT OR IGNORE INTO raw_bounces ({string.Join(", ", RawFields.Columns)}, extra, reason, hard_bounce, advice) "
                + $"VALUES ({string.Join(", ", RawFields.Columns.Select(c => "$" + c))}, $extra, $reason, $hard_bounce, $advice)";
            var ids = RawFields.IdColumns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Integer)).ToArray();
            var texts = RawFields.TextColumns.Select(c => insert.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
            var extra = insert.Parameters.Add("$extra", SqliteType.Text);
            var reason = insert.Parameters.Add("$reason", SqliteType.Text);
            var hard = insert.Parameters.Add("$hard_bounce", SqliteType.Integer);
            var advice = insert.Parameters.Add("$advice", SqliteType.Text);
            insert.Prepare();
            foreach (var (record, classification) in records)
            {
                var row = BounceRow.Of(record);
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i].Value = (object?)row.Ids[i] ?? DBNull.Value;
                }

                for (var i = 0; i < texts.Length; i++)
                {
                    texts[i].Value = row.Texts[i];
                }

                extra.Value = RawFields.ExtraJson(record);
                var verdict = Verdict.Of(classification);
                reason.Value = verdict.Reason;
                hard.Value = verdict.HardBounce ? 1 : 0;
                advice.Value = verdict.Advice;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (records.Count > 0)
        {
            var ids = records.Select(r => r.Record.UndeliveredLogId).ToList();
            await SendTimes.AfterBouncesAsync(connection, transaction, ids.Min(), ids.Max(), cancellationToken);
        }

        await MoveCheckpointAsync(connection, transaction, nextStartId, cancellationToken);

        // The page and its checkpoint commit together even when the export is being cancelled.
        await transaction.CommitAsync(CancellationToken.None);
    }

    public async Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The target is not open.");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO rejected_bounces (id_undelivered_log, record_text, reason, rejected_at) VALUES ($id, $text, $reason, $now)";
            insert.Parameters.AddWithValue("$id", rejected.UndeliveredLogId);
            insert.Parameters.AddWithValue("$text", (object?)rejected.RecordText ?? DBNull.Value);
            insert.Parameters.AddWithValue("$reason", rejected.Reason);
            insert.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (nextStartId is { } next)
        {
            await MoveCheckpointAsync(connection, transaction, next, cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private async Task MoveCheckpointAsync(SqliteConnection connection, SqliteTransaction transaction, long nextStartId, CancellationToken cancellationToken)
    {
        await using var checkpoint = connection.CreateCommand();
        checkpoint.Transaction = transaction;
        checkpoint.CommandText = """
            INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES ($query, $next, $now)
            ON CONFLICT (query) DO UPDATE SET next_start_id = excluded.next_start_id, updated_at = excluded.updated_at
            """;
        checkpoint.Parameters.AddWithValue("$query", _query);
        checkpoint.Parameters.AddWithValue("$next", nextStartId);
        checkpoint.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>The rows without a verdict, read and written inside the migration's transaction.</summary>
    private sealed class Backfill(SqliteConnection connection, SqliteTransaction transaction) : IVerdictBackfill
    {
        public async Task<IReadOnlyList<(long Id, StoredFields Fields)>> ReadAsync(long afterId, int count, CancellationToken cancellationToken)
        {
            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = $"SELECT {StoredFields.Columns}, json_extract(extra, '$.{BounceFieldNames.BounceCategory}') FROM raw_bounces WHERE "
                + StoredFields.Pending('$');
            select.Parameters.AddWithValue("$after", afterId);
            select.Parameters.AddWithValue("$count", count);
            return await StoredFields.ReadAsync(select, count, cancellationToken);
        }

        public async Task WriteAsync(IReadOnlyList<(long Id, BounceClassification Verdict)> verdicts, CancellationToken cancellationToken)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE raw_bounces SET reason = $reason, hard_bounce = $hard, advice = $advice WHERE id_undelivered_log = $id";
            var id = update.Parameters.Add("$id", SqliteType.Integer);
            var reason = update.Parameters.Add("$reason", SqliteType.Text);
            var hard = update.Parameters.Add("$hard", SqliteType.Integer);
            var advice = update.Parameters.Add("$advice", SqliteType.Text);
            update.Prepare();
            foreach (var (rowId, classification) in verdicts)
            {
                var verdict = Verdict.Of(classification);
                id.Value = rowId;
                reason.Value = verdict.Reason;
                hard.Value = verdict.HardBounce ? 1 : 0;
                advice.Value = verdict.Advice;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
