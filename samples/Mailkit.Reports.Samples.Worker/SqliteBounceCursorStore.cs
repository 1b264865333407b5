using Mailkit.Reports.Hosting;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;

namespace Mailkit.Reports.Samples.Worker;

/// <summary>
/// Reads the sync's cursor back from the suppression database, where <see cref="SuppressionHandler"/> writes it in each
/// page's transaction; saving therefore does nothing. The cursor holds its own filter (campaign, send), which the sync
/// compares with its options. A cursor of another Mailkit account (another endpoint or client
/// ID) is refused with <see cref="BounceCursorAccountMismatchException"/>: the sync stops instead of reading the new
/// account from the old one's ID.
/// </summary>
public sealed class SqliteBounceCursorStore(SuppressionDatabase database) : IBounceCursorStore
{
    // <CursorStore>
    public async Task<RawBouncesRequest?> LoadAsync(BounceSyncKey key, CancellationToken cancellationToken)
    {
        var saved = await ReadAsync(key.SyncName, cancellationToken);
        if (saved is not null && !saved.Value.Account.Equals(key.Account))
        {
            throw new BounceCursorAccountMismatchException(key.SyncName, saved.Value.Account, key.Account, $"{database.Path}, table sync_cursor");
        }

        return saved?.Cursor;
    }

    /// <summary>Does nothing: the handler has already committed the same cursor with the page.</summary>
    public Task SaveAsync(BounceSyncKey key, RawBouncesRequest cursor, CancellationToken cancellationToken) => Task.CompletedTask;
    // </CursorStore>

    /// <summary>Writes the cursor in the page's transaction.</summary>
    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, BounceSyncContext context, CancellationToken cancellationToken)
    {
        var cursor = context.Cursor;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO sync_cursor (sync_name, start_id, campaign_id, send_id, page_size, endpoint, client_id)
            VALUES ($name, $start, $campaign, $send, $pageSize, $endpoint, $clientId)
            ON CONFLICT (sync_name) DO UPDATE SET start_id = excluded.start_id, campaign_id = excluded.campaign_id, send_id = excluded.send_id,
                page_size = excluded.page_size, endpoint = excluded.endpoint, client_id = excluded.client_id
            """;
        command.Parameters.AddWithValue("$name", context.SyncName);
        command.Parameters.AddWithValue("$start", (object?)cursor.StartId ?? DBNull.Value);
        command.Parameters.AddWithValue("$campaign", (object?)cursor.CampaignId ?? DBNull.Value);
        command.Parameters.AddWithValue("$send", (object?)cursor.SendId ?? DBNull.Value);
        command.Parameters.AddWithValue("$pageSize", cursor.PageSize);
        command.Parameters.AddWithValue("$endpoint", context.Account.Endpoint.AbsoluteUri);
        command.Parameters.AddWithValue("$clientId", context.Account.ClientId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(RawBouncesRequest Cursor, MailkitAccount Account)?> ReadAsync(string syncName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT start_id, campaign_id, send_id, page_size, endpoint, client_id FROM sync_cursor WHERE sync_name = $name";
        command.Parameters.AddWithValue("$name", syncName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var cursor = new RawBouncesRequest
        {
            StartId = reader.IsDBNull(0) ? null : reader.GetInt64(0),
            CampaignId = reader.IsDBNull(1) ? null : reader.GetInt64(1),
            SendId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
            PageSize = reader.GetInt32(3),
        };
        return (cursor, new MailkitAccount(new Uri(reader.GetString(4)), reader.GetInt32(5)));
    }
}
