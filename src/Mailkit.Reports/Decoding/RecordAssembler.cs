using System.Collections.ObjectModel;
using System.Globalization;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding;

/// <summary>
/// The rules that turn the keys and values of one record into a <see cref="BounceRecord"/>, whatever the wire format:
/// which key sets which property, how IDs, the status code and the recipient status are read, what is kept as an extra
/// field, the limits on a record, and the exception for a record that breaks them.
/// </summary>
/// <remarks>
/// Not thread-safe: one decoder (or one <see cref="BounceRecordBuilder"/>) uses one assembler for all its records. A
/// value that cannot be accepted is noted rather than thrown, so that a decoder can read on to the end of the record
/// (its <c>ID_UNDELIVERED_LOG</c> may come later) and then report the record as a whole.
/// </remarks>
internal sealed class RecordAssembler
{
    /// <summary>Past this many extra keys, they are found through an index: a linear search would make a record of k keys cost k².</summary>
    private const int IndexedFrom = 16;

    private readonly MailkitResponseContext? _context;
    private readonly List<KeyValuePair<string, string>> _extraFields = [];
    private Utf8StringCache? _strings;
    private ExtraKeyCache? _extraKeys;

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
    private string[]? _lastExtraKeys;

    /// <summary>Where each extra key is in <see cref="_extraFields"/>, once a record has more than a few.</summary>
    private Dictionary<string, int>? _extraIndex;

    /// <summary>One bit per <see cref="BounceField"/> set since the last <see cref="Clear"/>.</summary>
    private int _seen;

    private int _fields;
    private string? _problem;
    private string? _problemField;
    private bool _problemIsId;

    /// <summary>Creates an assembler; a decoder passes the response's context, which holds its limits and creates its exceptions.</summary>
    public RecordAssembler(MailkitResponseContext? context = null) => _context = context;

    /// <summary>Gets the strings of the response, cached by their UTF-8 bytes.</summary>
    public Utf8StringCache Strings => _strings ??= new();

    /// <summary>Gets a value indicating whether the record cannot be built: a value was refused, or it has no ID.</summary>
    public bool HasProblem => _problem is not null || _undeliveredLogId is null;

    /// <summary>Gets the most fields a record may have.</summary>
    public int MaxRecordFields => Context.MaxRecordFields;

    private MailkitResponseContext Context => _context ?? throw new InvalidOperationException("The assembler has no response context.");

    /// <summary>The name of the setting that caps a record's fields, and its value, for an error message.</summary>
    public static string FieldLimit(int maxRecordFields) =>
        $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxRecordFields)} ({maxRecordFields.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>The problem of a record longer than <see cref="MailkitResponseContext.MaxRecordBytes"/>.</summary>
    public static string TooLargeProblem(int maxRecordBytes) =>
        $"A record is larger than {nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxRecordBytes)} ({maxRecordBytes.ToString(CultureInfo.InvariantCulture)} bytes).";

    /// <summary>Sets a key to a text value; <see langword="null"/> and an empty string both mean "no value".</summary>
    /// <exception cref="FormatException">The key is an ID and the value is not an integer, or a documented key already set.</exception>
    public void Set(string key, string? value)
    {
        var field = BounceFields.Classify(key);
        value ??= string.Empty;
        if (field == BounceField.Unknown)
        {
            SetExtra(key, value);
        }
        else if (BounceFields.IsId(field))
        {
            SetId(field, BounceFields.ParseId(field, value));
        }
        else
        {
            SetText(field, value);
        }
    }

    /// <summary>Sets a key to an integer value.</summary>
    /// <exception cref="FormatException">The key is an ID and the value is negative, or a documented key already set.</exception>
    public void Set(string key, long value)
    {
        var field = BounceFields.Classify(key);
        if (BounceFields.IsId(field))
        {
            SetId(field, value);
        }
        else
        {
            Set(key, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Gets the key a response spells with <paramref name="utf8"/> and the field it names; the key is <see langword="null"/> for a documented key spelt exactly.</summary>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public (string? Key, BounceField Field) ClassifyKey(ReadOnlySpan<byte> utf8)
    {
        var field = BounceFields.Classify(utf8);
        return field != BounceField.Unknown ? (null, field) : (_extraKeys ??= new()).Get(utf8);
    }

    /// <summary>Starts a record: forgets the previous one's values and its field count.</summary>
    public void BeginRecord() => Clear();

    /// <summary>Counts one more field of the record, checking for cancellation now and then.</summary>
    /// <returns><see langword="false"/> when the record has more fields than <see cref="MailkitResponseContext.MaxRecordFields"/>.</returns>
    public bool TryCountField(CancellationToken cancellationToken)
    {
        if (++_fields > Context.MaxRecordFields)
        {
            return false;
        }

        if ((_fields & 1023) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return true;
    }

    /// <summary>
    /// Sets a field to a value given as the UTF-8 bytes of its text, with nothing left to decode (no escape or reference).
    /// IDs and the status are read from the bytes; recurring texts come from <see cref="Strings"/>; addresses, mostly
    /// unique, are not cached, which would only add a copy.
    /// </summary>
    public void SetUtf8(BounceField field, string? key, ReadOnlySpan<byte> raw)
    {
        if (field == BounceField.Unknown)
        {
            SetExtra(key!, Strings.Get(raw));
        }
        else if (BounceFields.IsId(field))
        {
            SetId(field, BounceFields.ParseId(field, raw));
        }
        else if (field == BounceField.Status)
        {
            SetStatus(raw.IsEmpty ? null : EnhancedStatusCode.FromUtf8(raw));
        }
        else
        {
            SetText(field, field == BounceField.Email ? Utf8StringCache.Decode(raw) : Strings.Get(raw));
        }
    }

    /// <summary>Sets a field (documented or extra) to a text already decoded.</summary>
    public void SetDecoded(BounceField field, string? key, string text)
    {
        if (field == BounceField.Unknown)
        {
            SetExtra(key!, text);
        }
        else
        {
            SetText(field, text);
        }
    }

    /// <summary>Sets a field (documented or extra) to no value: a JSON null, an XML-RPC nil.</summary>
    public void SetNull(BounceField field, string? key)
    {
        if (BounceFields.IsId(field))
        {
            SetId(field, null);
        }
        else
        {
            SetDecoded(field, key, string.Empty);
        }
    }

    public void SetId(BounceField field, long? value)
    {
        MarkSeen(field);
        if (value < 0)
        {
            throw BounceFields.NotAnId(field, value.Value.ToString(CultureInfo.InvariantCulture));
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

    public void SetText(BounceField field, string value)
    {
        if (BounceFields.IsId(field))
        {
            SetId(field, BounceFields.ParseId(field, value));
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

    public void SetStatus(EnhancedStatusCode? status)
    {
        MarkSeen(BounceField.Status);
        _status = status;
    }

    /// <summary>Keeps a key the SDK does not know, verbatim; sent twice, it keeps its last value, as a dictionary would.</summary>
    public void SetExtra(string key, string value)
    {
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
            index = _extraIndex ??= new(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                index.Add(fields[i].Key, i);
            }
        }
    }

    /// <summary>Remembers the first value of the record that was refused; the record is reported once it has been read to its end.</summary>
    public void NoteProblem(BounceField field, string? key, string problem)
    {
        if (_problem is null)
        {
            _problem = problem;
            _problemField = key ?? BounceFields.NameOf(field);
            _problemIsId = field == BounceField.UndeliveredLogId;
        }
    }

    /// <summary>Creates the exception for the record at fault (see <see cref="HasProblem"/>), naming its ID when it has one, and clears the assembler.</summary>
    /// <param name="bodyOffset">Where the record starts in the body.</param>
    /// <param name="recordText">The record's bytes, read to its end.</param>
    public MailkitProtocolException InvalidRecord(long bodyOffset, ReadOnlySpan<byte> recordText)
    {
        var (problem, fieldName, id) = _problem is null
            ? ($"the record has no {BounceFieldNames.UndeliveredLogId}.", BounceFieldNames.UndeliveredLogId, (long?)null)
            : (_problem, _problemField!, _problemIsId ? null : _undeliveredLogId);
        Clear();
        return Context.CreateInvalidRecordException(problem, fieldName, id, bodyOffset, recordText);
    }

    /// <summary>
    /// The record at fault (see <see cref="HasProblem"/>), set aside when the response's context skips such records and
    /// its ID can be read; otherwise its exception is thrown. Clears the assembler.
    /// </summary>
    /// <param name="bodyOffset">Where the record starts in the body.</param>
    /// <param name="recordText">The record's bytes, read to its end.</param>
    public DecodedRecord SetAsideOrThrow(long bodyOffset, ReadOnlySpan<byte> recordText)
    {
        var ex = InvalidRecord(bodyOffset, recordText);
        return Context.SkipsInvalidRecords && InvalidBounceRecord.From(ex) is { } skipped ? DecodedRecord.SetAside(skipped) : throw ex;
    }

    /// <summary>Creates the record from the values set since the last <see cref="Build"/> or <see cref="Clear"/>, and clears the assembler.</summary>
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
        _fields = 0;
        _problem = _problemField = null;
        _problemIsId = false;
    }

    private SmallReadOnlyMap SmallMap()
    {
        var map = new SmallReadOnlyMap(_extraFields, _lastExtraKeys);
        _lastExtraKeys = map.KeyArray;
        return map;
    }

    /// <summary>Refuses a documented key that comes twice in one record (also as a case variant, which is an alias).</summary>
    /// <remarks>Last-one-wins would let a second <c>ID_UNDELIVERED_LOG</c> move the walk's cursor and skip records.</remarks>
    private void MarkSeen(BounceField field)
    {
        var bit = 1 << (int)field;
        if ((_seen & bit) != 0)
        {
            throw new FormatException($"{BounceFields.NameOf(field)} appears more than once in the record.");
        }

        _seen |= bit;
    }

    private void SetRecipientStatus(string text)
    {
        _recipientStatusText = text;
        _recipientStatus = RecipientStatusText.Parse(text);
    }
}
