using System.Data.Common;
using Mailkit.Reports.Cli.Enrichment;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// The dataset tables of a SQLite or PostgreSQL database, written through ADO.NET with the statements of
/// <see cref="DatasetTable"/> and <see cref="SendTimes"/>, which both databases share; <paramref name="dialect"/> gives
/// only the types and values. The database is opened by the bounce store first, which creates the tables, migrates them
/// and claims the account; this store then writes a batch, its checkpoint and the bounces it dates in one transaction.
/// </summary>
internal sealed class SqlDatasetStore(DbConnection connection, ISqlDialect dialect, string description, TimeProvider timeProvider) : IDatasetStore
{
    private readonly Dictionary<DatasetTable, string> _inserts = [];

    public string Description => description;

    /// <summary>Every dataset table and the indexes the dating needs, in a dialect: part of the database's schema.</summary>
    public static string Schema(ISqlDialect dialect) => string.Concat(DatasetTables.All.Select(t => t.Create(dialect.TypeOf))) + SendTimes.Indexes;

    public async Task OpenAsync(string account, IReadOnlyList<ExportDataset> datasets, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT account FROM export_account WHERE id = 1";
        if (await read.ExecuteScalarAsync(cancellationToken) is string held && held != account)
        {
            throw ExportAccount.Mismatch(description, held, account);
        }
    }

    public async Task<long?> ReadCheckpointAsync(ExportDataset dataset, string query, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT next_start_id FROM export_checkpoints WHERE query = @query";
        Add(read, "@query", query);
        return await read.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    public async Task WriteAsync(ExportDataset dataset, DatasetBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (table, rows) in batch.Tables)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertOf(table);
            var parameters = table.Columns.Select((_, i) => Add(insert, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null)).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = dialect.Value(table.Columns[i].Kind, row[i]);
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        switch (batch.Dating)
        {
            case BounceDating.Messages:
                await SendTimes.AfterMessagesAsync(connection, transaction, batch.First, batch.Last, cancellationToken);
                break;
            case BounceDating.Sends:
                await SendTimes.AfterMessageBouncesAsync(connection, transaction, batch.First, batch.Last, cancellationToken);
                break;
        }

        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.Transaction = transaction;
            checkpoint.CommandText = """
                INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES (@query, @next, @now)
                ON CONFLICT (query) DO UPDATE SET next_start_id = excluded.next_start_id, updated_at = excluded.updated_at
                """;
            Add(checkpoint, "@query", batch.Query);
            Add(checkpoint, "@next", batch.Next);
            Add(checkpoint, "@now", dialect.Now(timeProvider));
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        // The batch and its checkpoint commit together even when the export is being cancelled.
        await transaction.CommitAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private string InsertOf(DatasetTable table)
    {
        if (!_inserts.TryGetValue(table, out var statement))
        {
            _inserts[table] = statement = table.Insert(dialect.Placeholder);
        }

        return statement;
    }
}
