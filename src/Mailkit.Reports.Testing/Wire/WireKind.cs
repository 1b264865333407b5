namespace Mailkit.Reports.Testing.Wire;

/// <summary>How a value held as text is written on each transport; the kind of a key is declared once per report.</summary>
internal enum WireKind
{
    /// <summary>A string on both transports.</summary>
    Text,

    /// <summary>A string; with the numbers-as-JSON-numbers quirk a number in JSON and an <c>int</c> or <c>i8</c> in XML-RPC.</summary>
    TextId,

    /// <summary>A string in JSON (a number with the numbers-as-JSON-numbers quirk), always an <c>int</c> or <c>i8</c> in XML-RPC.</summary>
    TextCount,

    /// <summary>A number in JSON (a string with the numbers-as-JSON-strings quirk), an <c>int</c> or <c>i8</c> in XML-RPC.</summary>
    Number,

    /// <summary>A JSON boolean, an XML-RPC <c>boolean</c>; held as <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Comma-separated numbers: a JSON array of numbers, but only the first as one <c>i4</c> in XML-RPC.</summary>
    NumberList,

    /// <summary>A JSON string; in XML-RPC an <c>i4</c> when the text is a whole number, else a string.</summary>
    TextOrXmlInt,
}
