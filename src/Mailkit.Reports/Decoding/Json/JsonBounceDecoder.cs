using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Decoding.Json;

/// <summary>
/// Decodes a raw function's JSON body chunk by chunk. A record (or a top-level member) is decoded only when all of it
/// has arrived; a chunk that ends inside one is handed back unconsumed and decoded again once more has arrived (see
/// <see cref="ChunkedBodyReader"/> for why that stays linear).
/// </summary>
/// <remarks>
/// Accepted shapes: an array of record objects; <c>{}</c>; an object of record objects (a PHP array with keys);
/// an object with <c>error_status</c> and <c>error</c>, where any <c>error_status</c> other than 0 is an error, and so
/// is a non-empty <c>error</c> in a body without records, whatever <c>error_status</c> holds.
/// </remarks>
internal sealed class JsonBounceDecoder : IChunkDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly MailkitResponseContext _context;
    private readonly RecordAssembler _record;
    private JsonReaderState _state = new(ReaderOptions);
    private Phase _phase = Phase.Start;
    private long _offset;
    private long? _errorStatus;
    private string? _errorStatusProblem;
    private string? _errorMessage;
    private bool _sawRecord;
    private CancellationToken _cancellationToken;

    public JsonBounceDecoder(MailkitResponseContext context)
    {
        _context = context;
        _record = new RecordAssembler(context);
    }

    private enum Phase
    {
        Start,
        InArray,
        InObject,
        Done,
    }

    /// <inheritdoc />
    public int MaxUnitBytes => _context.MaxRecordBytes;

    /// <summary>Decodes what it can of <paramref name="data"/>, adding finished records (and records set aside) to <paramref name="output"/>.</summary>
    /// <returns>How many bytes were consumed; the rest must be passed again, followed by more of the body.</returns>
    public int Decode(ReadOnlySpan<byte> data, bool isFinal, List<DecodedRecord> output, CancellationToken cancellationToken)
    {
        if (_offset == 0 && _phase == Phase.Start)
        {
            if (data.StartsWith("\uFEFF"u8))
            {
                _offset = 3;
                return 3 + Decode(data[3..], isFinal, output, cancellationToken);
            }

            if (!isFinal && data.Length < 3 && "\uFEFF"u8.StartsWith(data))
            {
                // The first read ended inside a byte-order mark.
                return 0;
            }
        }

        _cancellationToken = cancellationToken;
        var reader = new Utf8JsonReader(data, isFinalBlock: false, _state);
        var committed = 0;
        var committedState = _state;
        try
        {
            var produced = output.Count;
            while (Step(ref reader, data, output))
            {
                var consumed = (int)reader.BytesConsumed;
                if (consumed - committed > MaxUnitBytes)
                {
                    output.RemoveRange(produced, output.Count - produced);
                    throw TooLarge(data, committed);
                }

                produced = output.Count;
                committed = consumed;
                committedState = reader.CurrentState;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (JsonException ex)
        {
            throw Fail($"The body is not valid JSON ({FirstSentence(ex.Message)}).", data, committed, ex);
        }
        catch (FormatException ex)
        {
            throw Fail($"A record is malformed: {ex.Message}", data, committed, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString on an escaped value that does not decode to UTF-16.
            throw Fail($"A record is malformed: {ex.Message}", data, committed, ex);
        }

        _record.Clear();
        _state = committedState;
        if (data.Length - SkipSeparators(data, committed) > MaxUnitBytes)
        {
            // Checked as the bytes arrive, not when the record is complete: a record of 50 MB is refused at the cap.
            throw TooLarge(data, committed);
        }

        if (isFinal && _phase != Phase.Done)
        {
            var problem = _offset + committed == 0 && data.Length == 0
                ? "The body is empty."
                : "The body ended before the JSON document was complete.";
            var at = SkipSeparators(data, committed);
            throw _context.CreateProtocolException(problem, _offset + at, data[at..], isIncomplete: true);
        }

        _offset += committed;
        return committed;
    }

    /// <summary>Decodes one whole unit (the opening token, a record, a top-level member, the closing token).</summary>
    /// <returns><see langword="false"/> when the data ran out before the unit was complete.</returns>
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<DecodedRecord> output)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_phase)
        {
            case Phase.Start:
                _phase = reader.TokenType switch
                {
                    JsonTokenType.StartArray => Phase.InArray,
                    JsonTokenType.StartObject => Phase.InObject,
                    _ => throw new FormatException($"the body is a JSON {Describe(reader.TokenType)} where an array of records or an object was expected."),
                };
                return true;

            case Phase.InArray:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Done;
                    return true;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new FormatException($"an item of the record array is a JSON {Describe(reader.TokenType)}, not an object.");
                }

                return TryReadRecord(ref reader, data, output);

            case Phase.InObject:
                return TryReadTopLevelMember(ref reader, data, output);

            default:
                throw new FormatException("there is more content after the JSON document.");
        }
    }

    private bool TryReadTopLevelMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<DecodedRecord> output)
    {
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _phase = Phase.Done;
            if (!_sawRecord && !string.IsNullOrWhiteSpace(_errorMessage))
            {
                // {"error":"Rate limit exceeded"} with no error_status, or with 0 or null, is an error, not an empty page.
                throw _context.CreateApiException(_errorStatus ?? 0, _errorMessage);
            }

            if (_errorStatusProblem is not null)
            {
                throw new FormatException(_errorStatusProblem);
            }

            if (_errorStatus is { } status && status != 0)
            {
                throw _context.CreateApiException(status, _errorMessage);
            }

            return true;
        }

        var isStatus = reader.ValueTextEquals("error_status"u8);
        var isMessage = !isStatus && reader.ValueTextEquals("error"u8);
        if (!reader.Read())
        {
            return false;
        }

        if (isStatus)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt64(out var number):
                    _errorStatus = number;
                    break;
                case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                    _errorStatus = number;
                    break;
                case JsonTokenType.Null:
                    _errorStatus = 0;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    throw new FormatException($"error_status is a JSON {Describe(reader.TokenType)}, not an integer.");
                default:
                    // Decided at the end of the body: with a non-empty error message, the body is that error anyway.
                    _errorStatusProblem = $"error_status is a JSON {Describe(reader.TokenType)} that is not an integer.";
                    break;
            }

            return true;
        }

        if (isMessage)
        {
            _errorMessage = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new FormatException($"error is a JSON {Describe(reader.TokenType)}, not a string."),
            };
            return true;
        }

        // Anything else must be a record keyed like a PHP array. An unknown message ({"message":"Rate limit exceeded"})
        // is not an empty page: treating it as one would end a walk early and silently.
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => TryReadRecord(ref reader, data, output),
            JsonTokenType.StartArray => throw new FormatException("the body holds an array inside an object, where records were expected."),
            _ => throw new FormatException($"the body is an object with a {Describe(reader.TokenType)} member, neither a record nor error_status or error."),
        };
    }

    /// <summary>Reads the record that starts at the reader's current <c>{</c>.</summary>
    private bool TryReadRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<DecodedRecord> output)
    {
        var record = _record;
        record.BeginRecord();
        var recordStart = (int)reader.TokenStartIndex;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                _sawRecord = true;
                output.Add(record.HasProblem
                    ? record.SetAsideOrThrow(_offset + recordStart, data[recordStart..(int)reader.BytesConsumed])
                    : DecodedRecord.Of(record.Build()));
                return true;
            }

            if (!record.TryCountField(_cancellationToken))
            {
                throw TooManyFields(data, recordStart);
            }

            // The key as the response spells it, unless it is a documented one spelt exactly.
            string? key = null;
            int field;
            if (reader.ValueIsEscaped)
            {
                key = reader.GetString()!;
                field = _record.Schema.Classify(key);
            }
            else
            {
                (key, field) = record.ClassifyKey(reader.ValueSpan);
            }

            if (!reader.Read())
            {
                return false;
            }

            var complete = field == RecordSchema.Unknown
                ? TryReadExtra(ref reader, data, key!)
                : TryReadKnown(ref reader, field, key);
            if (!complete)
            {
                return false;
            }
        }
    }

    /// <summary>Reads a documented field's value; a value that cannot be accepted is noted, and the record read on.</summary>
    private bool TryReadKnown(ref Utf8JsonReader reader, int field, string? key)
    {
        var record = _record;
        try
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String when record.Schema.IsId(field) && reader.ValueIsEscaped:
                    record.SetId(field, BounceFields.ParseId(record.Schema.NameOf(field), reader.GetString()!));
                    break;
                case JsonTokenType.String when reader.ValueIsEscaped:
                    record.SetText(field, record.Schema.KindOf(field) == FieldKind.Email ? reader.GetString()! : Unescaped(ref reader));
                    break;
                case JsonTokenType.String:
                    record.SetUtf8(field, key, reader.ValueSpan);
                    break;
                case JsonTokenType.Number when record.Schema.IsId(field):
                    // The same rule as for strings: digits only, so -1, 1.0 and 1e3 are refused.
                    record.SetId(field, BounceFields.ParseId(record.Schema.NameOf(field), reader.ValueSpan));
                    break;
                case JsonTokenType.Number:
                    record.SetText(field, Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
                case JsonTokenType.Null:
                    record.SetNull(field, key);
                    break;
                default:
                    record.NoteProblem(field, key, $"the value is a JSON {Describe(reader.TokenType)}, not a string or a number.");
                    return reader.TrySkip();
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // InvalidOperationException: an escaped value that does not decode to UTF-16 (a lone surrogate).
            record.NoteProblem(field, key, ex.Message);
        }

        return true;
    }

    private bool TryReadExtra(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, string key)
    {
        string value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    value = reader.ValueIsEscaped ? Unescaped(ref reader) : _record.Strings.Get(reader.ValueSpan);
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException)
                {
                    _record.NoteProblem(RecordSchema.Unknown, key, ex.Message);
                    return true;
                }

                break;
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                value = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            case JsonTokenType.Null:
                value = string.Empty;
                break;
            default:
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return false;
                }

                value = Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]);
                break;
        }

        _record.SetExtra(key, value);
        return true;
    }

    /// <summary>An escaped string (a reply quoting <c>\"greylisted\"</c>), unescaped to UTF-8 first so that it is cached like any other.</summary>
    private string Unescaped(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        if (length > 256)
        {
            return reader.GetString()!;
        }

        // Unescaping never makes a value longer.
        Span<byte> utf8 = stackalloc byte[256];
        var written = reader.CopyString(utf8);
        return _record.Strings.Get(utf8[..written]);
    }

    private MailkitProtocolException TooLarge(ReadOnlySpan<byte> data, int committed) =>
        Fail(RecordAssembler.TooLargeProblem(MaxUnitBytes), data, committed, null);

    private MailkitProtocolException TooManyFields(ReadOnlySpan<byte> data, int recordStart) =>
        Fail($"A record has more than {RecordAssembler.FieldLimit(_context.MaxRecordFields)} fields.", data, recordStart, null);

    private MailkitProtocolException Fail(string problem, ReadOnlySpan<byte> data, int committed, Exception? inner)
    {
        _record.Clear();
        committed = SkipSeparators(data, committed);
        return _context.CreateProtocolException(problem, _offset + committed, data[committed..], isIncomplete: false, inner);
    }

    /// <summary>Moves past the white space and commas between two units, so that an excerpt starts at the unit itself.</summary>
    private static int SkipSeparators(ReadOnlySpan<byte> data, int index)
    {
        while (index < data.Length && data[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',')
        {
            index++;
        }

        return index;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.');
    }
}
