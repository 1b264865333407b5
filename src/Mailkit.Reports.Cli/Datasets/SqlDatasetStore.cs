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
    /// <summary>How many rows one statement stores: few round trips, and far below either database's parameter limit.</summary>
    private const int RowsPerStatement = 200;

    private readonly Dictionary<(DatasetTable, int), string> _inserts = [];

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
            var distinct = table.Distinct(rows);
            DbCommand? full = null;
            try
            {
                for (var first = 0; first < distinct.Count; first += RowsPerStatement)
                {
                    var count = Math.Min(RowsPerStatement, distinct.Count - first);

                    // The statement of a whole chunk is made once per table and batch, and its parameters reused.
                    var insert = count == RowsPerStatement ? full ??= Command(transaction, table, count) : Command(transaction, table, count);
                    for (var r = 0; r < count; r++)
                    {
                        for (var i = 0; i < table.Columns.Count; i++)
                        {
                            insert.Parameters[(r * table.Columns.Count) + i].Value = dialect.Value(table.Columns[i].Kind, distinct[first + r][i]);
                        }
                    }

                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    if (insert != full)
                    {
                        await insert.DisposeAsync();
                    }
                }
            }
            finally
            {
                if (full is not null)
                {
                    await full.DisposeAsync();
                }
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

    private DbCommand Command(DbTransaction transaction, DatasetTable table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertOf(table, rows);
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                Add(command, DatasetTable.Parameter(r, i), null);
            }
        }

        return command;
    }

    private string InsertOf(DatasetTable table, int rows)
    {
        if (!_inserts.TryGetValue((table, rows), out var statement))
        {
            _inserts[(table, rows)] = statement = table.Insert(dialect.Placeholder, rows);
        }

        return statement;
    }
}
