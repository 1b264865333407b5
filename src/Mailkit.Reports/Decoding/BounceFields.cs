using Mailkit.Reports.Models;

namespace Mailkit.Reports.Decoding;

/// <summary>Which field a key names, and how an ID is read from its text: the same for every transport and spelling.</summary>
internal static class BounceFields
{
    /// <summary>Keys are matched as Mailkit sends them (upper case), falling back to a case-insensitive match.</summary>
    public static BounceField Classify(string key) => key switch
    {
        BounceFieldNames.UndeliveredLogId => BounceField.UndeliveredLogId,
        BounceFieldNames.CampaignId => BounceField.CampaignId,
        BounceFieldNames.SendId => BounceField.SendId,
        BounceFieldNames.SendMessageId => BounceField.SendMessageId,
        BounceFieldNames.RecipientId => BounceField.RecipientId,
        BounceFieldNames.MailingListId => BounceField.MailingListId,
        BounceFieldNames.Email => BounceField.Email,
        BounceFieldNames.Status => BounceField.Status,
        BounceFieldNames.ServerReply => BounceField.ServerReply,
        BounceFieldNames.RemoteMta => BounceField.RemoteMta,
        BounceFieldNames.RecipientStatus => BounceField.RecipientStatus,
        _ => ClassifyIgnoringCase(key),
    };

    /// <summary>The documented keys spelt exactly; any other spelling is <see cref="BounceField.Unknown"/> here.</summary>
    public static BounceField Classify(ReadOnlySpan<byte> key) => key.Length switch
    {
        18 when key.SequenceEqual("ID_UNDELIVERED_LOG"u8) => BounceField.UndeliveredLogId,
        10 when key.SequenceEqual("ID_MESSAGE"u8) => BounceField.CampaignId,
        7 when key.SequenceEqual("ID_SEND"u8) => BounceField.SendId,
        14 when key.SequenceEqual("ID_SEND_MESSGE"u8) => BounceField.SendMessageId,
        8 when key.SequenceEqual("ID_EMAIL"u8) => BounceField.RecipientId,
        12 when key.SequenceEqual("ID_USER_LIST"u8) => BounceField.MailingListId,
        5 when key.SequenceEqual("EMAIL"u8) => BounceField.Email,
        6 when key.SequenceEqual("STATUS"u8) => BounceField.Status,
        11 when key.SequenceEqual("TEXT_STATUS"u8) => BounceField.ServerReply,
        10 when key.SequenceEqual("REMOTE_MTA"u8) => BounceField.RemoteMta,
        16 when key.SequenceEqual("RECIPIENT_STATUS"u8) => BounceField.RecipientStatus,
        _ => BounceField.Unknown,
    };

    private static BounceField ClassifyIgnoringCase(string key)
    {
        foreach (var name in BounceFieldNames.All)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return Classify(name);
            }
        }

        return BounceField.Unknown;
    }

    /// <summary>
    /// Parses an ID: decimal digits only, with no sign, white space around them ignored. The same rule holds for every
    /// transport and spelling (a plain or escaped JSON string, a JSON number, an XML-RPC text). Empty means no value,
    /// and so, leniently, does white space alone. Leading zeros are accepted (<c>007</c> is 7).
    /// </summary>
    public static long? ParseId(string fieldName, string value)
    {
        var digits = value.AsSpan().Trim(" \t\r\n");
        if (digits.IsEmpty)
        {
            return null;
        }

        long id = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c) || !TryAppendDigit(ref id, c - '0'))
            {
                throw NotAnId(fieldName, value);
            }
        }

        return id;
    }

    /// <inheritdoc cref="ParseId(string, string)"/>
    public static long? ParseId(string fieldName, ReadOnlySpan<byte> utf8)
    {
        var digits = utf8.Trim(" \t\r\n"u8);
        if (digits.IsEmpty)
        {
            return null;
        }

        long id = 0;
        foreach (var b in digits)
        {
            if (b - (uint)'0' > 9 || !TryAppendDigit(ref id, b - '0'))
            {
                throw NotAnId(fieldName, System.Text.Encoding.UTF8.GetString(utf8));
            }
        }

        return id;
    }

    public static FormatException NotAnId(string fieldName, string value)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return new FormatException($"{fieldName} is not a non-negative integer: \"{shown}\".");
    }

    public static string NameOf(BounceField field) => field switch
    {
        BounceField.Unknown => "an unknown key",
        _ => BounceFieldNames.All[(int)field - 1],
    };

    private static bool TryAppendDigit(ref long id, int digit)
    {
        if (id > (long.MaxValue - digit) / 10)
        {
            return false;
        }

        id = (id * 10) + digit;
        return true;
    }
}
