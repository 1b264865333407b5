using System.Data.Common;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>The fields of a stored row the classifier reads, for a row stored without a verdict.</summary>
internal sealed record StoredFields(string Status, string Reply, string RemoteMta, string Email, string? Category, string RecipientStatus)
{
    /// <summary>The columns a backfill selects, in the order <see cref="ReadAsync"/> reads them, before the category.</summary>
    public const string Columns = "id_undelivered_log, status, text_status, remote_mta, email, recipient_status";

    /// <summary>The condition of the rows without a verdict after <c>after</c>, the first <c>count</c> in ID order; the dialects differ only in their parameters' prefix.</summary>
    public static string Pending(char parameterPrefix) =>
        "(reason IS NULL OR hard_bounce IS NULL OR advice IS NULL) "
        + $"AND id_undelivered_log > {parameterPrefix}after ORDER BY id_undelivered_log LIMIT {parameterPrefix}count";

    /// <summary>Reads the rows of a backfill's SELECT: <see cref="Columns"/>, then the category.</summary>
    public static async Task<IReadOnlyList<(long Id, StoredFields Fields)>> ReadAsync(DbCommand select, int count, CancellationToken cancellationToken)
    {
        var rows = new List<(long, StoredFields)>(count);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var category = reader.IsDBNull(6) ? null : reader.GetString(6);
            rows.Add((reader.GetInt64(0), new StoredFields(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), category, reader.GetString(5))));
        }

        return rows;
    }
}
