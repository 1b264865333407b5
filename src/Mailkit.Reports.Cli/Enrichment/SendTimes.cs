using System.Data.Common;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>
/// The one home of the rule that dates a bounce: <c>raw_bounces.sent_at</c> is the <c>date_sent</c> of its message
/// (<c>raw_messages</c>, joined on <c>id_send_messge</c> = <c>id_send_message</c>), and <c>bounced_at</c> the <c>date</c>
/// of the same bounce in <c>message_bounces</c> (joined on the send and the message). Each store runs these statements
/// in the transaction that stores the rows on either side, so that the dates are filled whichever arrives first, in one
/// run or in a later one; a bounce whose message was never exported keeps NULL. The statements are the same in SQLite
/// and PostgreSQL, and touch only rows still NULL within the scope just written.
/// </summary>
internal static class SendTimes
{
    /// <summary>The indexes the backfills after a page of messages or of message bounces need.</summary>
    public const string Indexes = """
        CREATE INDEX IF NOT EXISTS raw_bounces_id_send_messge ON raw_bounces (id_send_messge);
        CREATE INDEX IF NOT EXISTS raw_bounces_id_send ON raw_bounces (id_send);
        """;

    private const string SentAt = "sent_at = (SELECT m.date_sent FROM raw_messages AS m WHERE m.id_send_message = raw_bounces.id_send_messge)";

    private const string BouncedAt =
        "bounced_at = (SELECT b.date FROM message_bounces AS b WHERE b.id_send = raw_bounces.id_send AND b.id_send_message = raw_bounces.id_send_messge)";

    /// <summary>Dates the bounces of IDs <paramref name="first"/> to <paramref name="last"/>, just stored, from what is already there.</summary>
    public static Task AfterBouncesAsync(DbConnection connection, DbTransaction transaction, long first, long last, CancellationToken cancellationToken) =>
        RunAsync(
            connection,
            transaction,
            [
                $"UPDATE raw_bounces SET {SentAt} WHERE sent_at IS NULL AND id_undelivered_log BETWEEN @first AND @last",
                $"UPDATE raw_bounces SET {BouncedAt} WHERE bounced_at IS NULL AND id_undelivered_log BETWEEN @first AND @last",
            ],
            first,
            last,
            cancellationToken);

    /// <summary>Dates the stored bounces of the messages <paramref name="first"/> to <paramref name="last"/>, just stored.</summary>
    public static Task AfterMessagesAsync(DbConnection connection, DbTransaction transaction, long first, long last, CancellationToken cancellationToken) =>
        RunAsync(
            connection,
            transaction,
            [$"UPDATE raw_bounces SET {SentAt} WHERE sent_at IS NULL AND id_send_messge BETWEEN @first AND @last"],
            first,
            last,
            cancellationToken);

    /// <summary>Dates the stored bounces of the sends <paramref name="first"/> to <paramref name="last"/>, whose message bounces were just stored.</summary>
    public static Task AfterMessageBouncesAsync(DbConnection connection, DbTransaction transaction, long first, long last, CancellationToken cancellationToken) =>
        RunAsync(
            connection,
            transaction,
            [$"UPDATE raw_bounces SET {BouncedAt} WHERE bounced_at IS NULL AND id_send BETWEEN @first AND @last"],
            first,
            last,
            cancellationToken);

    private static async Task RunAsync(
        DbConnection connection, DbTransaction transaction, string[] statements, long first, long last, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = statement;
            Add(update, "first", first);
            Add(update, "last", last);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
