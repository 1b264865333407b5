using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Hosting;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Samples.Worker;

/// <summary>
/// Stores one page in one transaction: its bounces with the classifier's verdict, the suppressions they imply, the
/// records the SDK refused, and the cursor that follows the page. Either all of it is committed or none, so a crash never loses or repeats a bounce.
/// </summary>
/// <remarks>
/// Which addresses are suppressed is the SDK's <see cref="SuppressionPolicy"/>, with
/// <see cref="SuppressionOptions.RepeatedSends"/>: every hard bounce (advice <see cref="BounceAdvice.Suppress"/>), and an
/// address whose soft bounces of the address itself (<see cref="BounceAdvice.SuppressIfRepeated"/>) come from at least
/// that many distinct sends. <see cref="BounceAdvice.FixSending"/> (the sender is at fault) and
/// <see cref="BounceAdvice.Retry"/> never suppress an address.
/// </remarks>
public sealed partial class SuppressionHandler(
    SuppressionDatabase database,
    IOptionsMonitor<SuppressionOptions> options,
    ILogger<SuppressionHandler> logger) : IBounceHandler
{
    // <HandlePage>
    public async Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken)
    {
        var policy = new SuppressionPolicy(options.CurrentValue.RepeatedSends);
        var suppressed = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var record in page.Records)
        {
            var verdict = BounceClassifier.Default.Classify(record);
            var emailKey = EmailKey(record.Email);
            await InsertBounceAsync(connection, transaction, record, emailKey, verdict, cancellationToken);
            var sends = verdict.Advice == BounceAdvice.SuppressIfRepeated ? await DistinctSoftBounceSendsAsync(connection, transaction, emailKey, cancellationToken) : 0;
            if (policy.Suppresses(verdict.Advice, sends))
            {
                suppressed += await InsertSuppressionAsync(connection, transaction, record, emailKey, verdict, cancellationToken);
            }
        }

        // Records the SDK refused (with BounceSync:SkipInvalidRecords) are kept aside, once each, with the page.
        foreach (var rejected in page.SkippedRecords)
        {
            await InsertRejectedAsync(connection, transaction, rejected, cancellationToken);
        }

        // The cursor that follows the page, and the account it belongs to, commit with the page's bounces.
        await SqliteBounceCursorStore.WriteAsync(connection, transaction, context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPage(logger, page.Records.Count, suppressed, page.NextRequest.StartId);
    }
    // </HandlePage>

    /// <summary>
    /// The address as compared: the same mailbox written in other ASCII case is the same address, and a look-alike
    /// written with other Unicode letters is not (see <see cref="EmailAddressKey"/>).
    /// </summary>
    public static string EmailKey(string email) => EmailAddressKey.From(email);

    private static async Task InsertBounceAsync(SqliteConnection connection, SqliteTransaction transaction, BounceRecord record, string emailKey, BounceClassification verdict, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO bounces (id, campaign_id, send_id, email, email_key, status, recipient_status, server_reply, reason, advice, rule_id)
            VALUES ($id, $campaign, $send, $email, $key, $status, $recipientStatus, $reply, $reason, $advice, $rule)
            """;
        command.Parameters.AddWithValue("$id", record.UndeliveredLogId);
        command.Parameters.AddWithValue("$campaign", (object?)record.CampaignId ?? DBNull.Value);
        command.Parameters.AddWithValue("$send", (object?)record.SendId ?? DBNull.Value);
        command.Parameters.AddWithValue("$email", record.Email);
        command.Parameters.AddWithValue("$key", emailKey);
        command.Parameters.AddWithValue("$status", (object?)record.Status?.Text ?? DBNull.Value);
        command.Parameters.AddWithValue("$recipientStatus", record.RecipientStatusText);
        command.Parameters.AddWithValue("$reply", record.ServerReply);
        command.Parameters.AddWithValue("$reason", BounceReasons.ToSisimaiName(verdict.Reason));
        command.Parameters.AddWithValue("$advice", verdict.Advice.ToString());
        command.Parameters.AddWithValue("$rule", verdict.RuleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertRejectedAsync(SqliteConnection connection, SqliteTransaction transaction, InvalidBounceRecord rejected, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO rejected_bounces (id, field, problem, record_text) VALUES ($id, $field, $problem, $text)";
        command.Parameters.AddWithValue("$id", rejected.UndeliveredLogId);
        command.Parameters.AddWithValue("$field", rejected.FieldName);
        command.Parameters.AddWithValue("$problem", rejected.Problem);
        command.Parameters.AddWithValue("$text", rejected.RecordText);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> DistinctSoftBounceSendsAsync(SqliteConnection connection, SqliteTransaction transaction, string emailKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(DISTINCT send_id) FROM bounces WHERE email_key = $key AND advice = $advice";
        command.Parameters.AddWithValue("$key", emailKey);
        command.Parameters.AddWithValue("$advice", nameof(BounceAdvice.SuppressIfRepeated));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Adds the address unless it is already suppressed; returns 1 when it was added.</summary>
    private static async Task<int> InsertSuppressionAsync(SqliteConnection connection, SqliteTransaction transaction, BounceRecord record, string emailKey, BounceClassification verdict, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO suppressions (email_key, email, reason, advice, bounce_id) VALUES ($key, $email, $reason, $advice, $id)
            ON CONFLICT (email_key) DO NOTHING
            """;
        command.Parameters.AddWithValue("$key", emailKey);
        command.Parameters.AddWithValue("$email", record.Email);
        command.Parameters.AddWithValue("$reason", BounceReasons.ToSisimaiName(verdict.Reason));
        command.Parameters.AddWithValue("$advice", verdict.Advice.ToString());
        command.Parameters.AddWithValue("$id", record.UndeliveredLogId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Records} bounces and {Suppressed} new suppressions; the next start ID is {StartId}")]
    private static partial void LogPage(ILogger logger, int records, int suppressed, long? startId);
}
