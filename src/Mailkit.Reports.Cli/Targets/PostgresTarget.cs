using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Enrichment;
using Mailkit.Reports.Models;
using Npgsql;
using NpgsqlTypes;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A PostgreSQL database: each page is bulk-loaded with binary <c>COPY</c> into a staging table, then inserted into
/// <c>raw_bounces</c> skipping IDs already there, and the checkpoint is updated, in one transaction. Each row also holds
/// the classifier's verdict (<c>reason</c>, <c>hard_bounce</c> boolean, <c>advice</c>), handed over by the enrichment
/// step; <c>schema_version</c> says which version of these tables the database holds (see <see cref="SchemaVersion"/>).
/// </summary>
internal sealed class PostgresTarget(string connectionString) : IBounceStore
{
    internal static readonly string Schema = """
        CREATE TABLE IF NOT EXISTS raw_bounces (
            id_undelivered_log bigint PRIMARY KEY,
            id_message bigint,
            id_send bigint,
            id_send_messge bigint,
            id_email bigint,
            id_user_list bigint,
            email text NOT NULL,
            status text NOT NULL,
            text_status text NOT NULL,
            remote_mta text NOT NULL,
            recipient_status text NOT NULL,
            extra jsonb NOT NULL DEFAULT '{}',
            reason text,
            hard_bounce boolean,
            advice text,
            sent_at timestamptz,
            bounced_at timestamptz
        );
        CREATE TABLE IF NOT EXISTS export_checkpoints (
            query text PRIMARY KEY,
            next_start_id bigint NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS export_account (
            id integer PRIMARY KEY CHECK (id = 1),
            account text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rejected_bounces (
            id_undelivered_log bigint,
            record_text text,
            reason text NOT NULL,
            rejected_at timestamptz NOT NULL
        );
        """ + SchemaVersion.Table + SqlDatasetStore.Schema(PostgresDialect.Instance);

    /// <summary>The staging table, made after <c>raw_bounces</c> has every column.</summary>
    private const string Staging = "CREATE TEMP TABLE IF NOT EXISTS raw_bounces_staging (LIKE raw_bounces INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;";

    private NpgsqlConnection? _connection;
    private string _query = string.Empty;

    public string Description => PostgresConnectionString.Describe(connectionString);

    public bool Deduplicates => true;

    public async Task<long?> OpenAsync(string account, string queryKey, BounceEnrichment enrichment, CancellationToken cancellationToken)
    {
        _query = queryKey;
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync(cancellationToken);
        if (await SchemaVersion.ReadAsync(_connection, null, cancellationToken) is { } version)
        {
            SchemaVersion.EnsureKnown(Description, version);
        }

        await using (var setup = new NpgsqlCommand(Schema, _connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM raw_bounces) AND NOT EXISTS (SELECT 1 FROM export_account)", _connection))
        {
            if (await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new TargetException($"{Description} was written by an older mailkit-bounces and does not say which account it holds; choose another --output.");
            }

            // Claim the database for this account unless one already has; then whoever holds it decides.
            check.CommandText = "INSERT INTO export_account (id, account) VALUES (1, @account) ON CONFLICT (id) DO NOTHING; SELECT account FROM export_account WHERE id = 1";
            check.Parameters.AddWithValue("account", account);
            if (await check.ExecuteScalarAsync(cancellationToken) is string held && held != account)
            {
                throw ExportAccount.Mismatch(Description, held, account);
            }
        }

        await MigrateAsync(_connection, Description, enrichment, cancellationToken);
        await using (var staging = new NpgsqlCommand(Staging, _connection))
        {
            await staging.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT next_start_id FROM export_checkpoints WHERE query = @query", _connection);
        read.Parameters.AddWithValue("query", queryKey);
        return await read.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    /// <summary>
    /// Brings a database to <see cref="SchemaVersion.Current"/>, once, in one transaction: a database from before
    /// <c>schema_version</c> gains the verdict columns it lacks, its rows without a verdict are classified by
    /// <paramref name="enrichment"/>, and it is stamped. A current database is left as it is.
    /// </summary>
    private static async Task MigrateAsync(NpgsqlConnection connection, string name, BounceEnrichment enrichment, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockVersion = new NpgsqlCommand("LOCK TABLE schema_version IN EXCLUSIVE MODE", connection, transaction))
        {
            // Two first exports at once: the second waits here, then finds the database stamped.
            await lockVersion.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = await SchemaVersion.ReadAsync(connection, transaction, cancellationToken);
        if (version is { } stamped)
        {
            SchemaVersion.EnsureKnown(name, stamped);
            if (stamped == SchemaVersion.Current)
            {
                return;
            }
        }

        await using (var alter = new NpgsqlCommand(
            "ALTER TABLE raw_bounces ADD COLUMN IF NOT EXISTS reason text, ADD COLUMN IF NOT EXISTS hard_bounce boolean, ADD COLUMN IF NOT EXISTS advice text, "
            + "ADD COLUMN IF NOT EXISTS sent_at timestamptz, ADD COLUMN IF NOT EXISTS bounced_at timestamptz",
            connection,
            transaction))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        if (version is null)
        {
            await enrichment.BackfillAsync(new Backfill(connection, transaction), cancellationToken);
        }
        await using (var stamp = new NpgsqlCommand(
            "INSERT INTO schema_version (id, version) VALUES (1, @version) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            connection,
            transaction))
        {
            stamp.Parameters.AddWithValue("version", SchemaVersion.Current);
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task WritePageAsync(IReadOnlyList<ClassifiedBounce> records, long nextStartId, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The target is not open.");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var columns = string.Join(", ", RawFields.Columns) + ", extra, " + string.Join(", ", Verdict.Columns);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY raw_bounces_staging ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (record, classification) in records)
            {
                await copy.StartRowAsync(cancellationToken);
                var row = BounceRow.Of(record);
                foreach (var id in row.Ids)
                {
                    if (id is { } value)
                    {
                        await copy.WriteAsync(value, NpgsqlDbType.Bigint, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }

                foreach (var text in row.Texts)
                {
                    await copy.WriteAsync(Storable(text), NpgsqlDbType.Text, cancellationToken);
                }

                await copy.WriteAsync(RawFields.ExtraJson(record, Storable), NpgsqlDbType.Jsonb, cancellationToken);
                var verdict = Verdict.Of(classification);
                await copy.WriteAsync(verdict.Reason, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(verdict.HardBounce, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(verdict.Advice, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var upsert = new NpgsqlCommand(
            $"INSERT INTO raw_bounces ({columns}) SELECT {columns} FROM raw_bounces_staging ON CONFLICT (id_undelivered_log) DO NOTHING",
            connection,
            transaction))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string InsertRejected =
            "INSERT INTO rejected_bounces (id_undelivered_log, record_text, reason, rejected_at) VALUES (@id, @text, @reason, now())";
        await using (var insert = new NpgsqlCommand(InsertRejected, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", rejected.UndeliveredLogId);
            insert.Parameters.AddWithValue("text", NpgsqlDbType.Text, rejected.RecordText is null ? DBNull.Value : (object)Storable(rejected.RecordText));
            insert.Parameters.AddWithValue("reason", Storable(rejected.Reason));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (nextStartId is { } next)
        {
            await MoveCheckpointAsync(connection, transaction, next, cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Text PostgreSQL can store: NUL, which <c>text</c> and <c>jsonb</c> refuse, is kept as the six characters <c>\u0000</c>.</summary>
    internal static string Storable(string text) => text.Replace("\0", "\\u0000", StringComparison.Ordinal);

    private async Task MoveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long nextStartId, CancellationToken cancellationToken)
    {
        await using var checkpoint = new NpgsqlCommand(
            """
            INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES (@query, @next, now())
            ON CONFLICT (query) DO UPDATE SET next_start_id = excluded.next_start_id, updated_at = excluded.updated_at
            """,
            connection,
            transaction);
        checkpoint.Parameters.AddWithValue("query", _query);
        checkpoint.Parameters.AddWithValue("next", nextStartId);
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
    private sealed class Backfill(NpgsqlConnection connection, NpgsqlTransaction transaction) : IVerdictBackfill
    {
        public async Task<IReadOnlyList<(long Id, StoredFields Fields)>> ReadAsync(long afterId, int count, CancellationToken cancellationToken)
        {
            await using var select = new NpgsqlCommand(
                $"SELECT {StoredFields.Columns}, extra->>'{BounceFieldNames.BounceCategory}' FROM raw_bounces WHERE "
                + StoredFields.Pending('@'),
                connection,
                transaction);
            select.Parameters.AddWithValue("after", afterId);
            select.Parameters.AddWithValue("count", count);
            return await StoredFields.ReadAsync(select, count, cancellationToken);
        }

        public async Task WriteAsync(IReadOnlyList<(long Id, BounceClassification Verdict)> verdicts, CancellationToken cancellationToken)
        {
            var stored = verdicts.Select(v => (v.Id, Verdict: Verdict.Of(v.Verdict))).ToList();
            await using var update = new NpgsqlCommand(
                "UPDATE raw_bounces AS b SET reason = v.reason, hard_bounce = v.hard_bounce, advice = v.advice"
                + " FROM unnest(@ids, @reasons, @hards, @advices) AS v(id, reason, hard_bounce, advice) WHERE b.id_undelivered_log = v.id",
                connection,
                transaction);
            update.Parameters.AddWithValue("ids", stored.Select(v => v.Id).ToArray());
            update.Parameters.AddWithValue("reasons", stored.Select(v => v.Verdict.Reason).ToArray());
            update.Parameters.AddWithValue("hards", stored.Select(v => v.Verdict.HardBounce).ToArray());
            update.Parameters.AddWithValue("advices", stored.Select(v => v.Verdict.Advice).ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
