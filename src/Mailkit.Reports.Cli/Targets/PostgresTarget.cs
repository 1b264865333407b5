using Mailkit.Reports.Models;
using Npgsql;
using NpgsqlTypes;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A PostgreSQL database: each page is bulk-loaded with binary <c>COPY</c> into a staging table, then inserted into
/// <c>raw_bounces</c> skipping IDs already there, and the checkpoint is updated, in one transaction.
/// </summary>
internal sealed class PostgresTarget(string connectionString) : IBounceTarget
{
    internal const string Schema = """
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
            extra jsonb NOT NULL DEFAULT '{}'
        );
        CREATE TABLE IF NOT EXISTS export_checkpoints (
            query text PRIMARY KEY,
            next_start_id bigint NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TEMP TABLE IF NOT EXISTS raw_bounces_staging (LIKE raw_bounces INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
        """;

    private NpgsqlConnection? _connection;
    private string _query = string.Empty;

    public string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    /// <summary>Accepts <c>Host=…;…</c> as it is and turns <c>postgres://user:password@host:port/database</c> into that form.</summary>
    public static string Normalize(string target)
    {
        if (!target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        var uri = new Uri(target);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port, Database = uri.AbsolutePath.Trim('/') };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder.ToString();
    }

    public async Task<long?> OpenAsync(string queryKey, CancellationToken cancellationToken)
    {
        _query = queryKey;
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync(cancellationToken);
        await using (var setup = new NpgsqlCommand(Schema, _connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT next_start_id FROM export_checkpoints WHERE query = @query", _connection);
        read.Parameters.AddWithValue("query", queryKey);
        return await read.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    public async Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The target is not open.");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var columns = string.Join(", ", RawFields.Columns) + ", extra";
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY raw_bounces_staging ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var record in records)
            {
                await copy.StartRowAsync(cancellationToken);
                var values = RawFields.DocumentedValues(record);
                for (var i = 0; i < values.Length; i++)
                {
                    if (i < 6)
                    {
                        if (values[i] is { Length: > 0 } id)
                        {
                            await copy.WriteAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                        }
                    }
                    else
                    {
                        await copy.WriteAsync(values[i] ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
                    }
                }

                await copy.WriteAsync(RawFields.ExtraJson(record), NpgsqlDbType.Jsonb, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var upsert = new NpgsqlCommand(
            $"""
            INSERT INTO raw_bounces ({columns}) SELECT {columns} FROM raw_bounces_staging ON CONFLICT (id_undelivered_log) DO NOTHING;
            INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES (@query, @next, now())
            ON CONFLICT (query) DO UPDATE SET next_start_id = excluded.next_start_id, updated_at = excluded.updated_at;
            """,
            connection,
            transaction))
        {
            upsert.Parameters.AddWithValue("query", _query);
            upsert.Parameters.AddWithValue("next", nextStartId);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
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
