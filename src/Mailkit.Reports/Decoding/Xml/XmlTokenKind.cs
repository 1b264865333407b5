namespace Mailkit.Reports.Decoding.Xml;

/// <summary>What a <see cref="XmlToken"/> is.</summary>
internal enum XmlTokenKind
{
    /// <summary>The body has ended (only once the tokenizer has been told the data is final).</summary>
    EndOfBody,

    /// <summary>A start tag, or an empty-element tag (<see cref="XmlToken.IsEmpty"/>).</summary>
    Start,

    /// <summary>An end tag.</summary>
    End,

    /// <summary>Character data up to the next tag, with the references, CDATA sections, comments and processing instructions inside it.</summary>
    Text,
}
