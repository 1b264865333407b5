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

    /// <summary>Where each extra key is in <see cref="_extraFields"/>, once a record has more than a few.</summary>
    private Dictionary<string, int>? _extraIndex;

    /// <summary>One bit per <see cref="BounceField"/> set since the last <see cref="Clear"/>.</summary>
    private int _seen;

    private string? _problem;
    private string? _problemField;
    private bool _problemIsId;

    /// <summary>Sets a key to a text value: a JSON or XML-RPC string, or a number's digits.</summary>
    /// <param name="key">The key as received, for example <c>ID_SEND</c> or <c>BOUNCE_CAT</c>.</param>
    /// <param name="value">The value as text; <see langword="null"/> and an empty string both mean "no value".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The key is an ID and the value is not an integer, or the key is a documented one (in any case) that was already set.
    /// </exception>
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
    /// <exception cref="FormatException">
    /// The key is an ID and the value is negative, or the key is a documented one (in any case) that was already set.
    /// </exception>
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
        if (_extraIndex is { Count: > 4096 })
        {
            // Clearing costs the dictionary's capacity: do not keep a huge one for the ordinary records that follow.
            _extraIndex = null;
        }

        _extraIndex?.Clear();
        _seen = 0;
        _problem = _problemField = null;
        _problemIsId = false;
    }

    /// <summary>Gets a value indicating whether the record cannot be built: a value was refused, or it has no ID.</summary>
    internal bool HasProblem => _problem is not null || _undeliveredLogId is null;

    /// <summary>
    /// Remembers the first value of the record that was refused, so that a decoder can read on to the end of the record
    /// (its <c>ID_UNDELIVERED_LOG</c> may come later) and then report the record as a whole.
    /// </summary>
    internal void NoteProblem(BounceField field, string? key, string problem)
    {
        if (_problem is null)
        {
            _problem = problem;
            _problemField = key ?? NameOf(field);
            _problemIsId = field == BounceField.UndeliveredLogId;
        }
    }

    /// <summary>Gets what is wrong with the record (see <see cref="HasProblem"/>), and clears the builder.</summary>
    internal (string Problem, string FieldName, long? UndeliveredLogId) TakeProblem()
    {
        var problem = _problem is null
            ? ($"the record has no {BounceFieldNames.UndeliveredLogId}.", BounceFieldNames.UndeliveredLogId, (long?)null)
            : (_problem, _problemField!, _problemIsId ? null : _undeliveredLogId);
        Clear();
        return problem;
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

    /// <summary>
    /// Parses an ID: decimal digits only, with no sign, white space around them ignored. The same rule holds for every
    /// transport and spelling (a plain or escaped JSON string, a JSON number, an XML-RPC text). Empty means no value,
    /// and so, leniently, does white space alone. Leading zeros are accepted (<c>007</c> is 7).
    /// </summary>
    internal static long? ParseId(BounceField field, string value)
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
                throw NotAnId(field, value);
            }
        }

        return id;
    }

    /// <inheritdoc cref="ParseId(BounceField, string)"/>
    internal static long? ParseId(BounceField field, ReadOnlySpan<byte> utf8)
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
                throw NotAnId(field, System.Text.Encoding.UTF8.GetString(utf8));
            }
        }

        return id;
    }

    private static bool TryAppendDigit(ref long id, int digit)
    {
        if (id > (long.MaxValue - digit) / 10)
        {
            return false;
        }

        id = (id * 10) + digit;
        return true;
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
        MarkSeen(field);
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
        if (IsId(field))
        {
            SetId(field, ParseId(field, value));
            return;
        }

        MarkSeen(field);
        switch (field)
        {
            case BounceField.Email: _email = value; break;
            case BounceField.Status: _status = value.Length == 0 ? null : EnhancedStatusCode.Parse(value); break;
            case BounceField.ServerReply: _serverReply = value; break;
            case BounceField.RemoteMta: _remoteMta = value; break;
            case BounceField.RecipientStatus: SetRecipientStatus(value); break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    internal void SetStatus(EnhancedStatusCode? status)
    {
        MarkSeen(BounceField.Status);
        _status = status;
    }

    /// <summary>Refuses a documented key that comes twice in one record (also as a case variant, which is an alias).</summary>
    /// <remarks>Last-one-wins would let a second <c>ID_UNDELIVERED_LOG</c> move the walk's cursor and skip records.</remarks>
    private void MarkSeen(BounceField field)
    {
        var bit = 1 << (int)field;
        if ((_seen & bit) != 0)
        {
            throw new FormatException($"{NameOf(field)} appears more than once in the record.");
        }

        _seen |= bit;
    }

    private void SetRecipientStatus(string text)
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
        // An extra key sent twice keeps its last value, as a dictionary would: it is kept, not interpreted.
        const int IndexedFrom = 16;
        var fields = _extraFields;
        if (_extraIndex is { Count: > 0 } index)
        {
            if (index.TryGetValue(key, out var at))
            {
                fields[at] = new(key, value);
                return;
            }

            index.Add(key, fields.Count);
            fields.Add(new(key, value));
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Key, key, StringComparison.Ordinal))
            {
                fields[i] = new(key, value);
                return;
            }
        }

        fields.Add(new(key, value));
        if (fields.Count == IndexedFrom)
        {
            // Past a few keys a linear search would make a record of k keys cost k².
            index = _extraIndex ??= new(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                index.Add(fields[i].Key, i);
            }
        }
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
