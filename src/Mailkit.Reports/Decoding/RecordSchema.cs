namespace Mailkit.Reports.Decoding;

/// <summary>
/// One record type's table: the keys it documents, in which letter case, how each value is read, which key is the
/// record's ID (the walk's cursor), and how the typed record is made. Every decoder reads every record type through
/// one <see cref="RecordAssembler"/> driven by such a table, so no decoder is written per report.
/// </summary>
/// <remarks>
/// Fields are numbered from 1 in the order given; 0 is <see cref="Unknown"/>, a key the table does not document,
/// which a record keeps verbatim among its extra fields. Keys are matched as the report spells them, falling back to a
/// case-insensitive match: Mailkit spells the same ID differently from one report to the next.
/// </remarks>
internal abstract class RecordSchema
{
    /// <summary>The number of a key the table does not document.</summary>
    public const int Unknown = 0;

    /// <summary>A record type documents at most this many keys (one bit each marks a key already set in a record).</summary>
    public const int MaxFields = 63;

    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly FieldKind[] _kinds;

    protected RecordSchema(string functionName, int cursorField, params (string Name, FieldKind Kind)[] fields)
    {
        if (fields.Length > MaxFields)
        {
            throw new ArgumentOutOfRangeException(nameof(fields), fields.Length, $"A record type documents at most {MaxFields} keys.");
        }

        FunctionName = functionName;
        CursorField = cursorField;
        _names = new string[fields.Length + 1];
        _utf8Names = new byte[fields.Length + 1][];
        _kinds = new FieldKind[fields.Length + 1];
        _names[0] = "an unknown key";
        _utf8Names[0] = [];
        for (var i = 0; i < fields.Length; i++)
        {
            _names[i + 1] = fields[i].Name;
            _utf8Names[i + 1] = System.Text.Encoding.UTF8.GetBytes(fields[i].Name);
            _kinds[i + 1] = fields[i].Kind;
        }
    }

    /// <summary>Gets the function whose records the table describes.</summary>
    public string FunctionName { get; }

    /// <summary>Gets the number of the key every record must have (its ID, the walk's cursor), or <see cref="Unknown"/> when none is required.</summary>
    public int CursorField { get; }

    /// <summary>Gets the number of documented keys.</summary>
    public int FieldCount => _names.Length - 1;

    /// <summary>Gets whether a field holds an ID (or any count read like one).</summary>
    public bool IsId(int field) => _kinds[field] == FieldKind.Id && field != Unknown;

    /// <summary>Gets how a field's value is read.</summary>
    public FieldKind KindOf(int field) => _kinds[field];

    /// <summary>Gets a field's documented key, or "an unknown key".</summary>
    public string NameOf(int field) => _names[field];

    /// <summary>Finds the field a key names: as documented, or else ignoring case.</summary>
    public int Classify(string key)
    {
        for (var i = 1; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 1; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return Unknown;
    }

    /// <summary>Finds the field of a documented key spelt exactly; any other spelling is <see cref="Unknown"/> here.</summary>
    public virtual int Classify(ReadOnlySpan<byte> key)
    {
        for (var i = 1; i < _utf8Names.Length; i++)
        {
            if (key.SequenceEqual(_utf8Names[i]))
            {
                return i;
            }
        }

        return Unknown;
    }

    /// <summary>Creates the typed record from the values the assembler holds.</summary>
    public abstract object Build(RecordAssembler values);
}
