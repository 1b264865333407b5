using System.Text;

namespace Mailkit.Reports.Decoding.Xml;

/// <summary>What a reader on top of <see cref="Utf8XmlTokenizer"/> expects a token to be, with the error message when it is not.</summary>
internal static class XmlTokenExpectations
{
    public static bool IsStart(this ref Utf8XmlTokenizer xml, in XmlToken token, ReadOnlySpan<byte> name) =>
        token.Kind == XmlTokenKind.Start && xml.NameOf(token).SequenceEqual(name);

    public static bool IsEnd(this ref Utf8XmlTokenizer xml, in XmlToken token, ReadOnlySpan<byte> name) =>
        token.Kind == XmlTokenKind.End && xml.NameOf(token).SequenceEqual(name);

    /// <summary>Expects the start tag of the element <paramref name="name"/>.</summary>
    public static void ExpectStart(this ref Utf8XmlTokenizer xml, in XmlToken token, ReadOnlySpan<byte> name)
    {
        if (token.Kind == XmlTokenKind.EndOfBody)
        {
            throw Utf8XmlTokenizer.EndedEarly();
        }

        if (!xml.IsStart(token, name))
        {
            throw new FormatException($"found {xml.Describe(token)} where <{Encoding.UTF8.GetString(name)}> was expected.");
        }
    }

    /// <summary>Expects the start tag of an element that must hold something: <c>&lt;x/&gt;</c> is an empty element, as in XML.</summary>
    public static void ExpectOpen(this ref Utf8XmlTokenizer xml, in XmlToken token, ReadOnlySpan<byte> name)
    {
        xml.ExpectStart(token, name);
        if (token.IsEmpty)
        {
            var shown = Encoding.UTF8.GetString(name);
            throw new FormatException($"found an empty <{shown}/> where a <{shown}> with content was expected.");
        }
    }

    /// <summary>Expects the end tag of the element <paramref name="name"/>.</summary>
    public static void ExpectEnd(this ref Utf8XmlTokenizer xml, in XmlToken token, ReadOnlySpan<byte> name)
    {
        if (token.Kind == XmlTokenKind.EndOfBody)
        {
            throw Utf8XmlTokenizer.EndedEarly();
        }

        if (!xml.IsEnd(token, name))
        {
            throw new FormatException($"found {xml.Describe(token)} where </{Encoding.UTF8.GetString(name)}> was expected.");
        }
    }
}
