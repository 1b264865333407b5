using System.Globalization;
using System.Text;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>What a valid page decodes to: records, or the error Mailkit answered.</summary>
internal sealed record JsonExpectation(List<BounceRecord>? Records, long ErrorCode, string? ErrorMessage);

/// <summary>
/// Generates Mailkit JSON pages (the array form, the <c>{"0":{…},"1":{…}}</c> object form, empty results, and
/// <c>{"error_status":1,"error":"…"}</c> errors) and mutates most of them: bytes deleted, duplicated and swapped, JSON
/// punctuation, digits, escapes, literals, deep nesting, a BOM and invalid UTF-8 inserted, the body cut short.
/// </summary>
internal sealed class JsonCorpus(Random random)
{
    private static readonly string[] Punctuation = ["{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n", "\t", "\r", "/", "//", "/*", "*/"];

    private static readonly string[] Escapes =
    [
        "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\uD800", "\\uDC00",
        "\\uD800\\u0041", "\\u", "\\u12", "\\uZZZZ", "\\x41", "\\", "\\a", "\\u002B5", "\\u0035",
    ];

    private static readonly string[] Literals =
    [
        "true", "false", "null", "-0", "1e309", "-1", "1.0", "1e3", "NaN", "Infinity", "0x10", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "\"\"", "{}", "[]", "tru", "nul", "01", "+1", ".5",
    ];

    private static readonly byte[][] Bytes =
    [
        [0xEF, 0xBB, 0xBF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0x1F], "é"u8.ToArray(),
        "😀"u8.ToArray(), [0xEF, 0xBF, 0xBF],
    ];

    /// <summary>A page, possibly mutated; when it is not, <paramref name="expected"/> says what it decodes to.</summary>
    public byte[] Next(out JsonExpectation? expected)
    {
        var page = Page(out var expectation);
        if (random.Next(10) == 0)
        {
            expected = expectation;
            return page;
        }

        expected = null;
        var bytes = new List<byte>(page);
        var rounds = random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(bytes);
        }

        return [.. bytes];
    }

    private byte[] Page(out JsonExpectation expected)
    {
        var text = new StringBuilder(1024);
        if (random.Next(8) == 0)
        {
            text.Append('\uFEFF');
        }

        var count = random.Next(4) == 0 ? 0 : random.Next(1, 6);
        var records = new List<BounceRecord>();
        switch (random.Next(12))
        {
            case 0:
                {
                    var (status, message) = (Pick(1, 2, 401), Pick("Unauthorized", "Disallowed IP 10.0.0.1", "Invalid ID_send", "Rate \\\"limit\\\""));
                    var statusText = random.Next(2) == 0 ? status.ToString(CultureInfo.InvariantCulture) : $"\"{status.ToString(CultureInfo.InvariantCulture)}\"";
                    text.Append(random.Next(2) == 0
                        ? $"{{\"error_status\":{statusText},\"error\":\"{message}\"}}"
                        : $"{{\"error\":\"{message}\", \"error_status\": {statusText}}}");
                    expected = new JsonExpectation(null, status, message.Replace("\\\"", "\"", StringComparison.Ordinal));
                    return Encoding.UTF8.GetBytes(text.ToString());
                }

            case 1:
                text.Append(Pick("[]", "{}", " [ ] ", "{\"error_status\":0,\"error\":\"\"}", "{\"error_status\":0}"));
                expected = new JsonExpectation(records, 0, null);
                return Encoding.UTF8.GetBytes(text.ToString());
            case < 6:
                text.Append('{');
                var withStatus = random.Next(4) == 0;
                if (withStatus)
                {
                    text.Append("\"error_status\":0");
                }

                for (var i = 0; i < count; i++)
                {
                    text.Append(i == 0 && !withStatus ? string.Empty : ",").Append(Space()).Append('"').Append(i.ToString(CultureInfo.InvariantCulture)).Append("\":");
                    records.Add(Record(text, i));
                }

                text.Append(Space()).Append('}');
                break;
            default:
                text.Append('[');
                for (var i = 0; i < count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ",").Append(Space());
                    records.Add(Record(text, i));
                }

                text.Append(Space()).Append(']');
                break;
        }

        text.Append(Space());
        expected = new JsonExpectation(records, 0, null);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private BounceRecord Record(StringBuilder text, int index)
    {
        var id = 1000L + (index * 7);
        long? campaign = random.Next(3) == 0 ? null : random.Next(1, 100_000);
        long? send = random.Next(3) == 0 ? null : random.NextInt64(1, long.MaxValue);
        var (emailJson, email) = Pick(("email@example.com", "email@example.com"), ("u\\u017eivatel@p\\u0159\\u00edklad.cz", "uživatel@příklad.cz"), ("uživatel@příklad.cz", "uživatel@příklad.cz"), ("\\\"q\\\"@example.com", "\"q\"@example.com"));
        var (replyJson, reply) = Pick(("smtp; 552 4.2.2 User has full mailbox.", "smtp; 552 4.2.2 User has full mailbox."), ("550 \\\"greylisted\\\"\\n\\ttry later \\/ \\\\", "550 \"greylisted\"\n\ttry later / \\"), (string.Empty, string.Empty), ("\\uD83D\\uDE00 ok", "😀 ok"));
        var status = Pick("5.2.2", "4.2.2", string.Empty, "x.y");
        var recipient = Pick("permanent", "temporary", string.Empty, "deferred");
        var members = new List<string>
        {
            $"\"ID_UNDELIVERED_LOG\":{Id(id)}",
            $"\"EMAIL\":\"{emailJson}\"",
            $"\"TEXT_STATUS\":\"{replyJson}\"",
            $"\"STATUS\":\"{status}\"",
            $"\"RECIPIENT_STATUS\":\"{recipient}\"",
            $"\"REMOTE_MTA\":\"dns; mx1.seznam.cz\"",
        };
        members.Add(campaign is { } c ? $"\"ID_MESSAGE\":{Id(c)}" : Pick("\"ID_MESSAGE\":\"\"", "\"ID_MESSAGE\":null"));
        members.Add(send is { } s ? $"\"ID_SEND\":{Id(s)}" : "\"ID_SEND\":\"\"");
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        if (random.Next(3) == 0)
        {
            var (json, value) = Pick(("\"bad-mailbox\"", "bad-mailbox"), ("3.5", "3.5"), ("true", "true"), ("null", string.Empty), ("[1,\"a\"]", "[1,\"a\"]"), ("{\"k\":{\"v\":[]}}", "{\"k\":{\"v\":[]}}"));
            members.Add($"\"BOUNCE_CAT\":{json}");
            extras["BOUNCE_CAT"] = value;
        }

        Shuffle(members);
        text.Append('{').Append(string.Join("," + Space(), members)).Append('}');
        return new BounceRecord
        {
            UndeliveredLogId = id,
            CampaignId = campaign,
            SendId = send,
            Email = email,
            ServerReply = reply,
            Status = status.Length == 0 ? null : EnhancedStatusCode.Parse(status),
            RecipientStatusText = recipient,
            RecipientStatus = recipient switch { "permanent" => RecipientStatus.Permanent, "temporary" => RecipientStatus.Temporary, _ => RecipientStatus.Unknown },
            RemoteMta = "dns; mx1.seznam.cz",
            ExtraFields = extras,
        };
    }

    private string Id(long value) => random.Next(2) == 0
        ? value.ToString(CultureInfo.InvariantCulture)
        : $"\"{value.ToString(CultureInfo.InvariantCulture)}\"";

    private void Mutate(List<byte> bytes)
    {
        var at = random.Next(bytes.Count + 1);
        var from = Math.Min(at, Math.Max(0, bytes.Count - 1));
        switch (random.Next(13))
        {
            case 0 when bytes.Count > 0:
                bytes.RemoveRange(from, Math.Min(random.Next(1, 4), bytes.Count - from));
                break;
            case 1 when bytes.Count > 0:
                bytes.InsertRange(from, bytes.GetRange(from, Math.Min(random.Next(1, 8), bytes.Count - from)));
                break;
            case 2 when bytes.Count > 1:
                {
                    var other = random.Next(2) == 0 ? Math.Min(from + 1, bytes.Count - 1) : random.Next(bytes.Count);
                    (bytes[from], bytes[other]) = (bytes[other], bytes[from]);
                    break;
                }

            case 3:
            case 4:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Punctuation)));
                break;
            case 5:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Digits()));
                break;
            case 6:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Escapes)));
                break;
            case 7:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Literals)));
                break;
            case 8:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 9:
                bytes.InsertRange(random.Next(3) == 0 ? 0 : at, Pick(Bytes));
                break;
            case 10:
                {
                    // Deep nesting, past the reader's limit at times.
                    var depth = random.Next(1, 100);
                    var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                    var close = open == "[" ? "]" : "}";
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth))));
                    break;
                }

            case 11:
                {
                    // A documented key again, in another case at times: {"ID_UNDELIVERED_LOG":"5","id_undelivered_log":"99999999999"}.
                    var key = Pick("ID_UNDELIVERED_LOG", "id_undelivered_log", "ID_SEND", "STATUS", "EMAIL", "error_status", "error", "k");
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes($"\"{key}\":{Pick("\"" + Digits() + "\"", Digits(), "null", "\"x\"", "{}")},"));
                    break;
                }

            default:
                if (bytes.Count > 0)
                {
                    bytes[from] = (byte)Pick("{}[]:,\"\\ 0123456789-+.eEtfnu"u8.ToArray());
                }

                break;
        }
    }

    private string Digits()
    {
        var length = random.Next(4) == 0 ? random.Next(18, 22) : random.Next(1, 6);
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    private string Space() => random.Next(6) switch
    {
        0 => " ",
        1 => "\n  ",
        2 => "\r\n\t",
        _ => string.Empty,
    };

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
