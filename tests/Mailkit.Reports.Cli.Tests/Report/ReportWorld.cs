using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>
/// A small export whose every figure is known: three weeks of sends to two domains from two campaigns, fifteen bounces
/// of every kind (three of them undated), and hostile text in a reply and a campaign name.
/// </summary>
/// <remarks>
/// Week of 2026-11-02: 100 messages (a.test 50, b.test 50, campaign 1); 1 hard, 1 address-level soft.
/// Week of 2026-11-09: 100 messages (campaign 2), sent on Sunday 23:30; 3 hard, 1 address-level soft, 1 sender-side (blocked).
/// Week of 2026-11-16: 50 messages (campaign 2), sent on Monday 00:00; 5 sender-side (authfailure), all at b.test.
/// Undated: 5 messages; 1 hard (hostunknown), 2 address-level soft (mailboxfull, undefined).
/// </remarks>
internal static class ReportWorld
{
    public const string Week1 = "2026-11-02";
    public const string Week2 = "2026-11-09";
    public const string Week3 = "2026-11-16";
    public const string HostileReply = "550 5.7.1 <script>alert('reply')</script> blocked by list";
    public const string HostileCampaign = "Autumn <img src=x onerror=alert(1)> & sale";
    public const string LastExport = "2026-11-20T08:00:00+00:00";

    private const string SentWeek1 = "2026-11-04T10:00:00Z";
    private const string SentWeek2 = "2026-11-15T23:30:00Z";
    private const string SentWeek3 = "2026-11-16T00:00:00Z";

    /// <summary>Fills the tables <see cref="ReportSchema"/> made; <paramref name="messages"/> false leaves raw_messages empty.</summary>
    public static async Task FillAsync(DbConnection connection, bool messages = true, bool bounceTimes = true)
    {
        var sql = new StringBuilder();
        var id = 0;
        void Message(long campaign, long send, string domain, string? sent)
        {
            id++;
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO raw_messages (id_send_message, id_message, id_send, type_message, email, date_sent, ab_version, message_status, tld, domain) ");
            sql.Append(CultureInfo.InvariantCulture, $"VALUES ({id}, {campaign}, {send}, 'campaign', 'm{id}@{domain}', {(sent is null ? "NULL" : $"'{sent}'")}, 'A', 'sent', 'test', '{domain.ToUpperInvariant()}');\n");
        }

        if (messages)
        {
            for (var i = 0; i < 50; i++)
            {
                Message(1, 10, "a.test", SentWeek1);
                Message(1, 10, "b.test", SentWeek1);
                Message(2, 20, "a.test", SentWeek2);
                Message(2, 20, "b.test", SentWeek2);
            }

            for (var i = 0; i < 25; i++)
            {
                Message(2, 30, "a.test", SentWeek3);
                Message(2, 30, "b.test", SentWeek3);
            }

            for (var i = 0; i < 5; i++)
            {
                Message(2, 30, "a.test", null);
            }
        }

        var bounce = 0;
        void Bounce(long campaign, long send, string email, string reason, bool hard, string advice, string? sent, string reply = "550 5.1.1 user unknown")
        {
            bounce++;
            var times = bounceTimes ? ", sent_at" : string.Empty;
            var at = bounceTimes ? sent is null ? ", NULL" : $", '{sent}'" : string.Empty;
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO raw_bounces (id_undelivered_log, id_message, id_send, email, status, text_status, remote_mta, recipient_status, reason, hard_bounce, advice{times}) ");
            sql.Append(CultureInfo.InvariantCulture, $"VALUES ({bounce}, {campaign}, {send}, '{email}', '5.0.0', '{reply.Replace("'", "''", StringComparison.Ordinal)}', 'mx', 'failed', '{reason}', {(hard ? "TRUE" : "FALSE")}, '{advice}'{at});\n");
        }

        Bounce(1, 10, "u1@a.test", "userunknown", true, "suppress", SentWeek1);
        Bounce(1, 10, "s1@b.test", "mailboxfull", false, "suppressifrepeated", SentWeek1, "452 4.2.2 mailbox full");
        Bounce(2, 20, "U1@A.test", "userunknown", true, "suppress", SentWeek2);
        Bounce(2, 20, "u2@a.test", "userunknown", true, "suppress", SentWeek2);
        Bounce(2, 20, "u3@b.test", "userunknown", true, "suppress", SentWeek2);
        Bounce(2, 20, "v1@b.test", "blocked", false, "fixsending", SentWeek2, HostileReply);
        Bounce(2, 20, "s1@b.test", "mailboxfull", false, "suppressifrepeated", SentWeek2, "452 4.2.2 mailbox full");
        for (var i = 1; i <= 5; i++)
        {
            Bounce(2, 30, $"e{i}@b.test", "authfailure", false, "fixsending", SentWeek3, "550 5.7.26 DMARC policy");
        }

        Bounce(1, 10, "u4@a.test", "hostunknown", true, "suppress", null, "550 5.1.2 host unknown");
        Bounce(2, 30, "s1@b.test", "mailboxfull", false, "suppressifrepeated", null, "452 4.2.2 mailbox full");
        Bounce(2, 30, "x@a.test", "undefined", false, "retry", null, "421 try later");

        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO export_checkpoints (query, next_start_id, updated_at) VALUES ('bounces', 16, '{LastExport}');\n");
        if (messages)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO campaigns (id_message, name, subject, status, time_zone, extra) VALUES (1, '{HostileCampaign}', 's', 'sent', 'Europe/Prague', '{{}}');\n");
            sql.Append("INSERT INTO campaigns (id_message, name, subject, status, time_zone, extra) VALUES (2, 'Newsletter', 's', 'sent', 'Europe/Prague', '{}');\n");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }
}
