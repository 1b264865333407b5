using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.Xml;

namespace Mailkit.Reports.Tests.Decoding.Xml;

/// <summary>
/// Drives <see cref="Utf8XmlTokenizer"/> over a body as the decoders do: the body arrives in reads, and each time the
/// tokenizer is started again on the bytes not yet consumed, from the start of the token it could not finish.
/// </summary>
internal static class TokenizerDriver
{
    /// <summary>Every token of a body, each as text: <c>&lt;a&gt;</c>, <c>&lt;a/&gt;</c>, <c>&lt;/a&gt;</c>, <c>text:…</c> (decoded; <c>space:…</c> for white space alone), <c>end</c>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="readSizes">How many bytes each read adds; the last size repeats. None: the whole body at once.</param>
    public static List<string> Tokens(byte[] body, params int[] readSizes)
    {
        var tokens = new List<string>();
        Run(body, readSizes, (ref Utf8XmlTokenizer xml, in XmlToken token) => tokens.Add(Describe(ref xml, token)));
        return tokens;
    }

    public static List<string> Tokens(string body, params int[] readSizes) => Tokens(Encoding.UTF8.GetBytes(body), readSizes);

    /// <summary>Reads a body as a document with the tokenizer: each element's name and text content in document order.</summary>
    /// <exception cref="FormatException">The tokenizer refuses the body, or its elements do not form one well-nested document.</exception>
    public static List<(string Name, string Text)> Document(byte[] body, int[] readSizes)
    {
        var elements = new List<(string Name, StringBuilder Text)>();
        var open = new Stack<int>();
        var rootSeen = false;
        Run(body, readSizes, (ref Utf8XmlTokenizer xml, in XmlToken token) =>
        {
            switch (token.Kind)
            {
                case XmlTokenKind.Start:
                    if (open.Count == 0 && rootSeen)
                    {
                        throw new FormatException("a second root element.");
                    }

                    rootSeen = true;
                    elements.Add((Utf8StringCache.Decode(xml.NameOf(token)), new StringBuilder()));
                    if (!token.IsEmpty)
                    {
                        open.Push(elements.Count - 1);
                    }

                    break;
                case XmlTokenKind.End:
                    if (open.Count == 0 || elements[open.Pop()].Name != Utf8StringCache.Decode(xml.NameOf(token)))
                    {
                        throw new FormatException("an end tag does not close the open element.");
                    }

                    break;
                case XmlTokenKind.Text when open.Count == 0:
                    if (!token.IsWhitespace)
                    {
                        throw new FormatException("text outside the root element.");
                    }

                    _ = Text(ref xml, token);
                    break;
                case XmlTokenKind.Text:
                    elements[open.Peek()].Text.Append(Text(ref xml, token));
                    break;
                default:
                    if (open.Count > 0 || !rootSeen)
                    {
                        throw new FormatException("the body ends before the root element does.");
                    }

                    break;
            }
        });
        return elements.Select(e => (e.Name, e.Text.ToString())).ToList();
    }

    public static string Text(ref Utf8XmlTokenizer xml, in XmlToken token) =>
        token.NeedsDecoding ? Utf8XmlText.Decode(xml.RawText(token)) : Utf8StringCache.Decode(xml.RawText(token));

    private delegate void TokenHandler(ref Utf8XmlTokenizer xml, in XmlToken token);

    private static void Run(byte[] body, int[] readSizes, TokenHandler handle)
    {
        var bom = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        int committed = bom, end = bom, reads = 0;
        while (true)
        {
            var size = readSizes.Length == 0 ? body.Length : readSizes[Math.Min(reads++, readSizes.Length - 1)];
            end = Math.Min(body.Length, end + Math.Max(1, size));
            var isFinal = end == body.Length;
            var xml = new Utf8XmlTokenizer(body.AsSpan(committed, end - committed), isFinal, atDocumentStart: committed == bom);
            while (xml.TryRead(out var token))
            {
                handle(ref xml, token);
                if (token.Kind == XmlTokenKind.EndOfBody)
                {
                    return;
                }

                committed += xml.Position;
                xml = new Utf8XmlTokenizer(body.AsSpan(committed, end - committed), isFinal, atDocumentStart: false);
            }
        }
    }

    private static string Describe(ref Utf8XmlTokenizer xml, in XmlToken token) => token.Kind switch
    {
        XmlTokenKind.Start => $"<{Encoding.UTF8.GetString(xml.NameOf(token))}{(token.IsEmpty ? "/" : string.Empty)}>",
        XmlTokenKind.End => $"</{Encoding.UTF8.GetString(xml.NameOf(token))}>",
        XmlTokenKind.Text => (token.IsWhitespace ? "space:" : "text:") + Text(ref xml, token),
        _ => "end",
    };
}
