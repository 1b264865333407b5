namespace Mailkit.Reports.Decoding.Xml;

/// <summary>A tag or a text, as positions in the data a <see cref="Utf8XmlTokenizer"/> reads.</summary>
internal struct XmlToken
{
    public XmlTokenKind Kind;

    /// <summary>Where a tag's '&lt;' is.</summary>
    public int Start;

    public int NameStart;
    public int NameLength;

    /// <summary>A start tag that closes itself (<c>&lt;nil/&gt;</c>).</summary>
    public bool IsEmpty;

    public int TextStart;
    public int TextEnd;

    /// <summary>The text holds references, CDATA, comments, processing instructions, carriage returns or control characters.</summary>
    public bool NeedsDecoding;

    /// <summary>The text is nothing but white space (comments and processing instructions aside).</summary>
    public bool IsWhitespace;
}
