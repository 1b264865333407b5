using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Mailkit.Reports.Models;

/// <summary>
/// Assembles a <see cref="BounceRecord"/> from the keys and values of one decoded record.
/// Transports use it so that every wire format maps keys, empty values and unknown keys the same way.
/// </summary>
/// <remarks>
/// Keys are matched as Mailkit sends them (upper case), falling back to a case-insensitive match.
/// A builder is not thread-safe; one decoder uses one builder for all the records of a response.
/// </remarks>
public sealed class BounceRecordBuilder
{
    private long? _undeliveredLogId;
    private long? _campaignId;
    private long? _sendId;
    private long? _sendMessageId;
    private long? _recipientId;
    private long? _mailingListId;
    private string _email = string.Empty;
    private EnhancedStatusCode? _status;
    private string _serverReply = string.Empty;
    private string _remoteMta = string.Empty;
    private RecipientStatus _recipientStatus;
    private string _recipientStatusText = string.Empty;
    private readonly List<KeyValuePair<string, string>> _extraFields = [];
    private string[]? _lastExtraKeys;

    /// <summary>Sets a key to a text value: a JSON or XML-RPC string, or a number's digits.</summary>
    /// <param name="key">The key as received, for example <c>ID_SEND</c> or <c>BOUNCE_CAT</c>.</param>
    /// <param name="value">The value as text; <see langword="null"/> and an empty string both mean "no value".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The key is an ID and the value is not an integer.</exception>
    public BounceRecordBuilder Set(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var field = Classify(key);
        value ??= string.Empty;
        if (field == BounceField.Unknown)
        {
            SetExtra(key, value);
        }
        else if (IsId(field))
        {
            SetId(field, ParseId(field, value));
        }
        else
        {
            SetText(field, value);
        }

        return this;
    }

    /// <summary>Sets a key to an integer value.</summary>
    /// <param name="key">The key as received.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The key is an ID and the value is negative.</exception>
    public BounceRecordBuilder Set(string key, long value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var field = Classify(key);
        if (IsId(field))
        {
            SetId(field, value);
        }
        else
        {
            Set(key, value.ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>Creates the record from the values set since the last <see cref="Build"/> or <see cref="Clear"/>, and clears the builder.</summary>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">No <c>ID_UNDELIVERED_LOG</c> was set.</exception>
    public BounceRecord Build()
    {
        if (_undeliveredLogId is not { } id)
        {
            Clear();
            throw new FormatException($"The record has no {BounceFieldNames.UndeliveredLogId}.");
        }

        var record = new BounceRecord
        {
            UndeliveredLogId = id,
            CampaignId = _campaignId,
            SendId = _sendId,
            SendMessageId = _sendMessageId,
            RecipientId = _recipientId,
            MailingListId = _mailingListId,
            Email = _email,
            Status = _status,
            ServerReply = _serverReply,
            RemoteMta = _remoteMta,
            RecipientStatus = _recipientStatus,
            RecipientStatusText = _recipientStatusText,
            ExtraFields = _extraFields.Count switch
            {
                0 => BounceRecord.EmptyExtraFields,
                <= 16 => SmallMap(),
                _ => new ReadOnlyDictionary<string, string>(_extraFields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
            },
        };
        Clear();
        return record;
    }

    private Internal.SmallReadOnlyMap SmallMap()
    {
        var map = new Internal.SmallReadOnlyMap(_extraFields, _lastExtraKeys);
        _lastExtraKeys = map.KeyArray;
        return map;
    }

    /// <summary>Forgets every value set since the last <see cref="Build"/>.</summary>
    public void Clear()
    {
        _undeliveredLogId = _campaignId = _sendId = _sendMessageId = _recipientId = _mailingListId = null;
        _email = _serverReply = _remoteMta = _recipientStatusText = string.Empty;
        _status = null;
        _recipientStatus = RecipientStatus.Unknown;
        _extraFields.Clear();
    }

    internal static bool IsId(BounceField field) => field is >= BounceField.UndeliveredLogId and <= BounceField.MailingListId;

    internal static BounceField Classify(string key) => key switch
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

    internal static BounceField Classify(ReadOnlySpan<byte> key) => key.Length switch
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

    internal static long? ParseId(BounceField field, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        throw NotAnId(field, value);
    }

    internal static long? ParseId(BounceField field, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (Utf8Parser.TryParse(utf8, out long id, out var consumed) && consumed == utf8.Length && id >= 0)
        {
            return id;
        }

        return ParseId(field, System.Text.Encoding.UTF8.GetString(utf8));
    }

    internal static FormatException NotAnId(BounceField field, string value)
    {
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return new FormatException($"{NameOf(field)} is not a non-negative integer: \"{shown}\".");
    }

    internal static string NameOf(BounceField field) => field switch
    {
        BounceField.Unknown => "an unknown key",
        _ => BounceFieldNames.All[(int)field - 1],
    };

    internal void SetId(BounceField field, long? value)
    {
        if (value < 0)
        {
            throw NotAnId(field, value.Value.ToString(CultureInfo.InvariantCulture));
        }

        switch (field)
        {
            case BounceField.UndeliveredLogId: _undeliveredLogId = value; break;
            case BounceField.CampaignId: _campaignId = value; break;
            case BounceField.SendId: _sendId = value; break;
            case BounceField.SendMessageId: _sendMessageId = value; break;
            case BounceField.RecipientId: _recipientId = value; break;
            case BounceField.MailingListId: _mailingListId = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    internal void SetText(BounceField field, string value)
    {
        switch (field)
        {
            case BounceField.Email: _email = value; break;
            case BounceField.Status: _status = value.Length == 0 ? null : EnhancedStatusCode.Parse(value); break;
            case BounceField.ServerReply: _serverReply = value; break;
            case BounceField.RemoteMta: _remoteMta = value; break;
            case BounceField.RecipientStatus: SetRecipientStatus(value); break;
            default: SetId(field, ParseId(field, value)); break;
        }
    }

    internal void SetStatus(EnhancedStatusCode? status) => _status = status;

    internal void SetRecipientStatus(string text)
    {
        _recipientStatusText = text;
        _recipientStatus = text switch
        {
            "permanent" => RecipientStatus.Permanent,
            "temporary" => RecipientStatus.Temporary,
            _ when text.Equals("permanent", StringComparison.OrdinalIgnoreCase) => RecipientStatus.Permanent,
            _ when text.Equals("temporary", StringComparison.OrdinalIgnoreCase) => RecipientStatus.Temporary,
            _ => RecipientStatus.Unknown,
        };
    }

    internal void SetExtra(string key, string value)
    {
        // A key sent twice keeps its last value, as a dictionary would.
        for (var i = 0; i < _extraFields.Count; i++)
        {
            if (string.Equals(_extraFields[i].Key, key, StringComparison.Ordinal))
            {
                _extraFields[i] = new(key, value);
                return;
            }
        }

        _extraFields.Add(new(key, value));
    }
}

internal enum BounceField
{
    Unknown = 0,
    UndeliveredLogId,
    CampaignId,
    SendId,
    SendMessageId,
    RecipientId,
    MailingListId,
    Email,
    Status,
    ServerReply,
    RemoteMta,
    RecipientStatus,
}
