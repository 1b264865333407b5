using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// Writes a synthetic export the report reads: campaigns, messages over a number of weeks to a few large domains and
/// many small ones, one bounce for every tenth message by default (hard, address-level soft, sender-side and undefined in fixed
/// shares, one in twenty undated), and, in the last two weeks, extra blocks at one provider, so that a domain jumps.
/// The rows are made inside the database by <c>INSERT … SELECT</c> over a recursive CTE (SQLite) or
/// <c>generate_series</c> (PostgreSQL), in one transaction.
/// </summary>
internal static class ReportExportGenerator
{
    /// <summary>Monday 2026-01-05 00:00 UTC, the first send.</summary>
    private const long Start = 1_767_571_200;

    private const string Domain = """
        CASE WHEN n / 10 % 10 < 3 THEN 'gmail.com' WHEN n / 10 % 10 < 5 THEN 'seznam.cz' WHEN n / 10 % 10 < 6 THEN 'outlook.com'
             WHEN n / 10 % 10 < 7 THEN 'email.cz' ELSE 'd' || (n % 997) || '.example' END
        """;

    /// <summary>The reason of the n-th message's bounce (n / 10 counts the bounces): 35 % hard, 35 % address-level soft, 20 % sender-side, 10 % undefined.</summary>
    private const string Reason = """
        CASE n / 10 % 20 WHEN 0 THEN 'userunknown' WHEN 1 THEN 'userunknown' WHEN 2 THEN 'userunknown' WHEN 3 THEN 'userunknown'
             WHEN 4 THEN 'userunknown' WHEN 5 THEN 'userunknown' WHEN 6 THEN 'hostunknown' WHEN 7 THEN 'mailboxfull'
             WHEN 8 THEN 'mailboxfull' WHEN 9 THEN 'mailboxfull' WHEN 10 THEN 'mailboxfull' WHEN 11 THEN 'expired'
             WHEN 12 THEN 'suspend' WHEN 13 THEN 'blocked' WHEN 14 THEN 'blocked' WHEN 15 THEN 'authfailure'
             WHEN 16 THEN 'ratelimited' WHEN 17 THEN 'spamdetected' ELSE 'undefined' END
        """;

    private const string Reply = """
        CASE reason WHEN 'userunknown' THEN '550 5.1.1 <' || email || '>: Recipient address rejected: User unknown'
             WHEN 'hostunknown' THEN '550 5.1.2 Host unknown' WHEN 'mailboxfull' THEN '452 4.2.2 Mailbox full'
             WHEN 'blocked' THEN '554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org'
             WHEN 'authfailure' THEN '550 5.7.26 Unauthenticated email is not accepted: DMARC policy'
             WHEN 'ratelimited' THEN '421 4.7.0 Too many messages, slow down' WHEN 'spamdetected' THEN '550 5.7.1 Message rejected as spam'
             ELSE '451 4.3.0 Temporary failure' END
        """;

    private const string Advice = """
        CASE WHEN reason IN ('userunknown', 'hostunknown') THEN 'suppress'
             WHEN reason IN ('mailboxfull', 'expired', 'suspend') THEN 'suppressifrepeated'
             WHEN reason IN ('blocked', 'authfailure', 'ratelimited', 'spamdetected') THEN 'fixsending' ELSE 'retry' END
        """;

    /// <summary><c>report-export FILE.db [MESSAGES] [WEEKS] [BOUNCE_EVERY]</c>: writes a SQLite export and says what it holds.</summary>
    public static async Task RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "report-demo.db";
        var messages = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var weeks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;
        var every = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        File.Delete(path);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var bounces = await SqliteAsync(path, messages, weeks, every);
        Console.WriteLine($"wrote {path}: {messages} messages over {weeks} weeks, {bounces} bounces in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    /// <summary>Writes the export into a new SQLite file; returns the number of bounces.</summary>
    public static async Task<long> SqliteAsync(string path, long messages, int weeks, int every = 10)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
            await pragmas.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var step = (double)weeks * 7 * 86_400 / messages;
        var time = $"strftime('%Y-%m-%dT%H:%M:%SZ', {Start} + CAST(n * {step.ToString("R", CultureInfo.InvariantCulture)} AS INTEGER), 'unixepoch')";
        var spike = $"strftime('%Y-%m-%dT%H:%M:%SZ', {Start + ((weeks - 2) * 7 * 86_400L)}, 'unixepoch')";
        var sql = $"""
            {Schema(postgres: false)}
            WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < {messages})
            INSERT INTO raw_messages (id_send_message, id_message, id_send, type_message, email, date_sent, ab_version, message_status, tld, domain)
            SELECT n, 1 + n * 40 / {messages}, 1 + n * 40 / {messages}, 'campaign', 'u' || (n % 2000003) || '@' || d, {time}, 'A', 'sent',
                   substr(d, instr(d, '.') + 1), d
            FROM (SELECT n, {Domain} AS d FROM c);
            {Bounces(postgres: false, spike, every)}
            {Campaigns()}
            """;
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        command.CommandText = "SELECT COUNT(*) FROM raw_bounces";
        command.Transaction = null;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Writes the export into an empty PostgreSQL database; returns the number of bounces.</summary>
    public static async Task<long> PostgresAsync(string connectionString, long messages, int weeks, int every = 10)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var step = (double)weeks * 7 * 86_400 / messages;
        var time = $"to_timestamp({Start} + floor(n * {step.ToString("R", CultureInfo.InvariantCulture)}))";
        var spike = $"to_timestamp({Start + ((weeks - 2) * 7 * 86_400L)})";
        var sql = $"""
            {Schema(postgres: true)}
            INSERT INTO raw_messages (id_send_message, id_message, id_send, type_message, email, date_sent, ab_version, message_status, tld, domain)
            SELECT n, 1 + n * 40 / {messages}, 1 + n * 40 / {messages}, 'campaign', 'u' || (n % 2000003) || '@' || d, {time}, 'A', 'sent',
                   split_part(d, '.', 2), d
            FROM (SELECT n, {Domain} AS d FROM generate_series(1::bigint, {messages}::bigint) AS n) AS c;
            {Bounces(postgres: true, spike, every)}
            {Campaigns()}
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        await using var count = new NpgsqlCommand("ANALYZE; SELECT COUNT(*) FROM raw_bounces", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>One bounce for every <paramref name="every"/>-th message, one in twenty of them undated; and blocks at seznam.cz in the last two weeks.</summary>
    private static string Bounces(bool postgres, string spike, int every)
    {
        var hard = postgres ? "reason IN ('userunknown', 'hostunknown')" : "CASE WHEN reason IN ('userunknown', 'hostunknown') THEN 1 ELSE 0 END";
        return $"""
            INSERT INTO raw_bounces (id_undelivered_log, id_message, id_send, id_send_messge, email, status, text_status, remote_mta, recipient_status,
                                     reason, hard_bounce, advice, sent_at)
            SELECT id, id_message, id_send, id, email, substr(reply, 5, 5), reply, 'mx.' || domain, 'failed', reason, {hard}, {Advice}, sent_at
            FROM (SELECT id, id_message, id_send, email, domain, reason, sent_at, {Reply} AS reply
                  FROM (SELECT n AS id, id_message, id_send, email, domain,
                               CASE WHEN n % 10 = 3 THEN 'blocked' ELSE {Reason.Replace("n / 10", $"n / {every}", StringComparison.Ordinal)} END AS reason,
                               CASE WHEN n % 200 = 0 THEN NULL ELSE date_sent END AS sent_at
                        FROM (SELECT id_send_message AS n, id_message, id_send, email, domain, date_sent
                              FROM raw_messages
                              WHERE id_send_message % {every} = 0
                                 OR (id_send_message % 10 = 3 AND id_send_message % 100 < 40 AND domain = 'seznam.cz' AND date_sent >= {spike})) AS r) AS m) AS b;
            """;
    }

    private static string Campaigns() => """
        INSERT INTO campaigns (id_message, name, subject, status, time_zone, extra)
        SELECT DISTINCT id_message, 'Campaign ' || id_message, 'News', 'sent', 'Europe/Prague', '{}' FROM raw_messages;
        INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES ('bounces', 1, '2026-04-01T06:00:00+00:00');
        """;

    /// <summary>The stores' tables with the datasets' tables added, as the tool's tests create them.</summary>
    private static string Schema(bool postgres)
    {
        var time = postgres ? "timestamptz" : "TEXT";
        var integer = postgres ? "bigint" : "INTEGER";
        var hard = postgres ? "boolean" : "INTEGER";
        return $"""
            CREATE TABLE raw_bounces (id_undelivered_log {integer} PRIMARY KEY, id_message {integer}, id_send {integer}, id_send_messge {integer},
                id_email {integer}, id_user_list {integer}, email TEXT NOT NULL, status TEXT NOT NULL, text_status TEXT NOT NULL,
                remote_mta TEXT NOT NULL, recipient_status TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{"{}"}', reason TEXT, hard_bounce {hard},
                advice TEXT, sent_at {time}, bounced_at {time});
            CREATE TABLE export_checkpoints (query TEXT PRIMARY KEY, next_start_id {integer} NOT NULL, updated_at {time} NOT NULL);
            CREATE TABLE export_account (id integer PRIMARY KEY CHECK (id = 1), account TEXT NOT NULL);
            CREATE TABLE schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);
            INSERT INTO schema_version VALUES (1, 2);
            INSERT INTO export_account VALUES (1, 'demo');
            CREATE TABLE raw_messages (id_send_message {integer} PRIMARY KEY, id_message {integer}, id_send {integer}, id_user_list {integer},
                id_email {integer}, id_template {integer}, type_message TEXT NOT NULL, email TEXT NOT NULL, email_date {time}, message_date {time},
                date_sent {time}, ab_version TEXT NOT NULL, message_status TEXT NOT NULL, tld TEXT NOT NULL, domain TEXT NOT NULL,
                extra TEXT NOT NULL DEFAULT '{"{}"}');
            CREATE TABLE raw_responses (id_log {integer} PRIMARY KEY, id_send_message {integer}, id_message {integer}, id_send {integer},
                id_email {integer}, id_user_list {integer}, date {time}, type TEXT NOT NULL, email TEXT NOT NULL, domain TEXT NOT NULL,
                tld TEXT NOT NULL, id_url {integer}, link_url TEXT NOT NULL, extra TEXT NOT NULL);
            CREATE TABLE unsubscribes (email TEXT NOT NULL, date {time} NOT NULL, id_unsubscribe_group TEXT NOT NULL,
                PRIMARY KEY (email, date, id_unsubscribe_group));
            CREATE TABLE campaigns (id_message {integer} PRIMARY KEY, name TEXT NOT NULL, subject TEXT NOT NULL, status TEXT NOT NULL,
                send_date {time}, last_sent {time}, time_zone TEXT NOT NULL, extra TEXT NOT NULL);
            """;
    }
}
