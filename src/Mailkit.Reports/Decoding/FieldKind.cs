namespace Mailkit.Reports.Decoding;

/// <summary>How a documented field's value is read, whatever the wire format.</summary>
internal enum FieldKind
{
    /// <summary>A non-negative integer: decimal digits only, empty for none (see <see cref="BounceFields.ParseId(string, string)"/>).</summary>
    Id,

    /// <summary>A text, kept as received; recurring values are shared through the response's string cache.</summary>
    Text,

    /// <summary>A text that is mostly unique (an address): kept as received, never cached.</summary>
    Email,

    /// <summary>An enhanced SMTP status code, read straight from its bytes.</summary>
    Status,

    /// <summary>
    /// A comma-separated list of IDs (<c>27,29,35</c>), kept as text: Mailkit's own examples send it as an XML-RPC
    /// <c>&lt;i4&gt;</c> as well as a <c>&lt;string&gt;</c>, so its XML-RPC type is not checked.
    /// </summary>
    IdList,

    /// <summary>A naive Mailkit time (<c>YYYY-MM-DD HH:MM:SS</c>), kept as text and resolved when the record is built.</summary>
    Date,
}
