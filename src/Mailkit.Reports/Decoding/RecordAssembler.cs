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
    private ReportTimeResolver? _times;
    private ExtraKeyCache? _extraKeys;

    private readonly RecordSchema _schema;
    private readonly long?[] _ids;
    private readonly string?[] _texts;
    private EnhancedStatusCode? _status;
    private string[]? _lastExtraKeys;

    /// <summary>Where each extra key is in <see cref="_extraFields"/>, once a record has more than a few.</summary>
    private Dictionary<string, int>? _extraIndex;

    /// <summary>One bit per field of the schema set since the last <see cref="Clear"/>.</summary>
    private long _seen;

    private int _fields;
    private string? _problem;
    private string? _problemField;
    private bool _problemIsId;

    /// <summary>
    /// Creates an assembler; a decoder passes the response's context, which holds its limits, its record type and its
    /// time zone, and creates its exceptions. Without one, it assembles raw bounces.
    /// </summary>
    public RecordAssembler(MailkitResponseContext? context = null)
    {
        _context = context;
        _schema = context?.Schema ?? BounceSchema.Instance;
        _ids = new long?[_schema.FieldCount + 1];
        _texts = new string?[_schema.FieldCount + 1];
    }

    /// <summary>Gets the table of the record type being assembled.</summary>
    public RecordSchema Schema => _schema;

    /// <summary>Gets the status code set in the record (<see cref="FieldKind.Status"/>).</summary>
    public EnhancedStatusCode? Status => _status;

    /// <summary>Gets the strings of the response, cached by their UTF-8 bytes.</summary>
    public Utf8StringCache Strings => _strings ??= new();

    /// <summary>Gets a value indicating whether the record cannot be built: a value was refused, or it has no ID.</summary>
    public bool HasProblem => _problem is not null || (_schema.CursorField != RecordSchema.Unknown && _ids[_schema.CursorField] is null);

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
        var field = _schema.Classify(key);
        value ??= string.Empty;
        if (field == RecordSchema.Unknown)
        {
            SetExtra(key, value);
        }
        else if (_schema.IsId(field))
        {
            SetId(field, BounceFields.ParseId(_schema.NameOf(field), value));
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
        var field = _schema.Classify(key);
        if (_schema.IsId(field))
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
    public (string? Key, int Field) ClassifyKey(ReadOnlySpan<byte> utf8)
    {
        var field = _schema.Classify(utf8);
        return field != RecordSchema.Unknown ? (null, field) : (_extraKeys ??= new(_schema)).Get(utf8);
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
    public void SetUtf8(int field, string? key, ReadOnlySpan<byte> raw)
    {
        switch (field == RecordSchema.Unknown ? (FieldKind)(-1) : _schema.KindOf(field))
        {
            case (FieldKind)(-1):
                SetExtra(key!, Strings.Get(raw));
                break;
            case FieldKind.Id:
                SetId(field, BounceFields.ParseId(_schema.NameOf(field), raw));
                break;
            case FieldKind.Status:
                SetStatus(field, raw.IsEmpty ? null : EnhancedStatusCode.FromUtf8(raw));
                break;
            case FieldKind.Email:
                SetText(field, Utf8StringCache.Decode(raw));
                break;
            default:
                SetText(field, Strings.Get(raw));
                break;
        }
    }

    /// <summary>Sets a field (documented or extra) to a text already decoded.</summary>
    public void SetDecoded(int field, string? key, string text)
    {
        if (field == RecordSchema.Unknown)
        {
            SetExtra(key!, text);
        }
        else
        {
            SetText(field, text);
        }
    }

    /// <summary>Sets a field (documented or extra) to no value: a JSON null, an XML-RPC nil.</summary>
    public void SetNull(int field, string? key)
    {
        if (field != RecordSchema.Unknown && _schema.IsId(field))
        {
            SetId(field, null);
        }
        else
        {
            SetDecoded(field, key, string.Empty);
        }
    }

    public void SetId(int field, long? value)
    {
        MarkSeen(field);
        if (value < 0)
        {
            throw BounceFields.NotAnId(_schema.NameOf(field), value.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (!_schema.IsId(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field));
        }

        _ids[field] = value;
    }

    public void SetText(int field, string value)
    {
        if (_schema.IsId(field))
        {
            SetId(field, BounceFields.ParseId(_schema.NameOf(field), value));
            return;
        }

        ArgumentOutOfRangeException.ThrowIfEqual(field, RecordSchema.Unknown);
        MarkSeen(field);
        if (_schema.KindOf(field) == FieldKind.Status)
        {
            _status = value.Length == 0 ? null : EnhancedStatusCode.Parse(value);
        }
        else
        {
            _texts[field] = value;
        }
    }

    public void SetStatus(int field, EnhancedStatusCode? status)
    {
        MarkSeen(field);
        _status = status;
    }

    /// <inheritdoc cref="SetId(int, long?)"/>
    public void SetId(BounceField field, long? value) => SetId((int)field, value);

    /// <inheritdoc cref="SetText(int, string)"/>
    public void SetText(BounceField field, string value) => SetText((int)field, value);

    /// <inheritdoc cref="SetNull(int, string?)"/>
    public void SetNull(BounceField field, string? key) => SetNull((int)field, key);

    /// <inheritdoc cref="NoteProblem(int, string?, string)"/>
    public void NoteProblem(BounceField field, string? key, string problem) => NoteProblem((int)field, key, problem);

    /// <summary>Gets an ID field's value, or <see langword="null"/> when the record had none or an empty one.</summary>
    public long? Id(int field) => _ids[field];

    /// <summary>Gets a text field's value, empty when the record had none.</summary>
    public string Text(int field) => _texts[field] ?? string.Empty;

    /// <summary>Gets a time field resolved in the response's zone, or <see langword="null"/> when it is empty or not a time.</summary>
    public DateTimeOffset? Date(int field) => (_times ??= new ReportTimeResolver(_context?.TimeZone ?? ReportTime.DefaultZone)).Resolve(Text(field));

    /// <summary>Gets the keys the record type does not document, as a read-only map.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields() => _extraFields.Count switch
    {
        0 => BounceRecord.EmptyExtraFields,
        <= 16 => SmallMap(),
        _ => new ReadOnlyDictionary<string, string>(_extraFields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
    };

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
    public void NoteProblem(int field, string? key, string problem)
    {
        if (_problem is null)
        {
            _problem = problem;
            _problemField = key ?? _schema.NameOf(field);
            _problemIsId = field != RecordSchema.Unknown && field == _schema.CursorField;
        }
    }

    /// <summary>Creates the exception for the record at fault (see <see cref="HasProblem"/>), naming its ID when it has one, and clears the assembler.</summary>
    /// <param name="bodyOffset">Where the record starts in the body.</param>
    /// <param name="recordText">The record's bytes, read to its end.</param>
    public MailkitProtocolException InvalidRecord(long bodyOffset, ReadOnlySpan<byte> recordText)
    {
        var idName = _schema.NameOf(_schema.CursorField);
        var (problem, fieldName, id) = _problem is null
            ? ($"the record has no {idName}.", idName, (long?)null)
            : (_problem, _problemField!, _problemIsId ? null : _ids[_schema.CursorField]);
        Clear();
        return Context.CreateInvalidRecordException(problem, fieldName, idName, id, bodyOffset, recordText);
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
    /// <exception cref="FormatException">The record has no value for the record type's ID.</exception>
    public object Build()
    {
        if (_schema.CursorField != RecordSchema.Unknown && _ids[_schema.CursorField] is null)
        {
            Clear();
            throw new FormatException($"The record has no {_schema.NameOf(_schema.CursorField)}.");
        }

        var record = _schema.Build(this);
        Clear();
        return record;
    }

    /// <summary>Forgets every value set since the last <see cref="Build"/>.</summary>
    public void Clear()
    {
        Array.Clear(_ids);
        Array.Clear(_texts);
        _status = null;
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
    private void MarkSeen(int field)
    {
        var bit = 1L << field;
        if ((_seen & bit) != 0)
        {
            throw new FormatException($"{_schema.NameOf(field)} appears more than once in the record.");
        }

        _seen |= bit;
    }
}
