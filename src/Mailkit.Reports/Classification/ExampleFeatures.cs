using Mailkit.Reports.Models;

namespace Mailkit.Reports.Classification;

/// <summary>
/// What the nearest-example fallback compares: the character 3-, 4- and 5-grams of a reply's words, folded as the rules
/// fold phrases, plus one feature for the enhanced status code and one for the remote MTA's domain.
/// </summary>
/// <remarks>
/// Addresses, host names, IP addresses and every run of digits are dropped before the grams are taken, so that the
/// words of a reply decide rather than the names and numbers that differ between any two bounces. Only the first
/// <see cref="MaxReplyChars"/> characters of a reply are read, which keeps the work linear in the reply and bounded.
/// </remarks>
internal static class ExampleFeatures
{
    /// <summary>How many characters of a reply are read; <see cref="BounceClassifierOptions.Examples"/> documents it.</summary>
    public const int MaxReplyChars = 4096;

    /// <summary>
    /// The most features one reply yields: three grams per folded symbol, of which a reply has at most two per character
    /// (ß folds to two) and two more, plus the status and the MTA.
    /// </summary>
    public const int MaxFeatures = (3 * ((2 * MaxReplyChars) + 2)) + 2;

    private const uint StatusTag = 0xE000_0000;
    private const uint HostTag = 0xC000_0000;
    private const uint HostMask = 0x1FFF_FFFF;

    /// <summary>Writes the features of a bounce into <paramref name="features"/>, which holds at least <see cref="MaxFeatures"/>.</summary>
    /// <param name="status">The enhanced status code, if any.</param>
    /// <param name="reply">The server's reply.</param>
    /// <param name="remoteMta">The remote MTA, if any.</param>
    /// <param name="features">Where the features go.</param>
    /// <param name="grams">How many of them are grams of the reply's words; zero when the reply has no word to compare.</param>
    /// <returns>How many were written; a feature may repeat.</returns>
    public static int Extract(EnhancedStatusCode? status, ReadOnlySpan<char> reply, ReadOnlySpan<char> remoteMta, Span<uint> features, out int grams)
    {
        var writer = new GramWriter(features);
        reply = WithoutDiagnosticType(reply.Length > MaxReplyChars ? reply[..MaxReplyChars] : reply);
        var symbols = FoldedText.Symbols;
        var start = 0;
        for (var i = 0; i <= reply.Length; i++)
        {
            if (i < reply.Length && !IsTokenEnd(reply[i]))
            {
                continue;
            }

            var token = reply[start..i];
            start = i + 1;
            if (token.IsEmpty || token.Contains('@') || IsHostName(token))
            {
                continue;
            }

            // The token's words: runs of letters, digits and combining marks; a word with a digit is a number or a code.
            var wordStart = 0;
            for (var j = 0; j <= token.Length; j++)
            {
                if (j < token.Length && symbols[token[j]] != FoldedText.Separator)
                {
                    continue;
                }

                var word = token[wordStart..j];
                wordStart = j + 1;
                if (!word.IsEmpty && !HasDigit(word))
                {
                    writer.Word(word);
                }
            }
        }

        var count = grams = writer.Count;
        if (status is { IsValid: true } code)
        {
            features[count++] = StatusTag | ((uint)code.Class << 20) | ((uint)Math.Min(code.Subject, 1023) << 10) | (uint)Math.Min(code.Detail, 1023);
        }

        if (HostFeature(remoteMta) is { } host)
        {
            features[count++] = host;
        }

        return count;
    }

    /// <summary>Drops the diagnostic type Mailkit writes before a reply (<c>smtp; </c>, <c>X-Postfix; </c>), which every reply shares.</summary>
    private static ReadOnlySpan<char> WithoutDiagnosticType(ReadOnlySpan<char> reply)
    {
        var semicolon = reply[..Math.Min(reply.Length, 32)].IndexOf(';');
        if (semicolon <= 0)
        {
            return reply;
        }

        foreach (var c in reply[..semicolon].Trim())
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return reply;
            }
        }

        return reply[(semicolon + 1)..];
    }

    private static bool IsTokenEnd(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or '[' or ']' or '(' or ')' or '{' or '}' or '"' or '\'' or ',' or ';' or '|';

    /// <summary>A dot between two letters marks a host name (<c>mx.example.jp</c>) or a URL.</summary>
    private static bool IsHostName(ReadOnlySpan<char> token)
    {
        for (var i = 1; i + 1 < token.Length; i++)
        {
            if (token[i] == '.' && char.IsLetter(token[i - 1]) && char.IsLetterOrDigit(token[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDigit(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The last two labels of the remote MTA's host name, hashed (FNV-1a) into one feature; none for an IP address.</summary>
    private static uint? HostFeature(ReadOnlySpan<char> remoteMta)
    {
        var cut = remoteMta.LastIndexOf(';');
        var host = remoteMta[(cut + 1)..].Trim().Trim("[]<>.\"'");
        if (host.IsEmpty || !char.IsLetter(host[^1]))
        {
            return null;
        }

        var dot = host.LastIndexOf('.');
        if (dot > 0)
        {
            var second = host[..dot].LastIndexOf('.');
            host = host[(second + 1)..];
        }

        var hash = 2166136261u;
        foreach (var c in host)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
        }

        return HostTag | (hash & HostMask);
    }

    /// <summary>Emits the grams of a stream of folded words, each word between separators.</summary>
    private ref struct GramWriter
    {
        private readonly Span<uint> _features;
        private uint _window;
        private int _length;
        private bool _lastWasSeparator;

        public GramWriter(Span<uint> features)
        {
            _features = features;
            Count = 0;
            _window = 0;
            _length = 0;
            _lastWasSeparator = false;
            Push(FoldedText.Separator);
        }

        public int Count { get; private set; }

        public void Word(ReadOnlySpan<char> word)
        {
            var symbols = FoldedText.Symbols;
            foreach (var c in word)
            {
                var symbol = symbols[c];
                if (symbol == FoldedText.Skip)
                {
                    continue;
                }

                if (symbol == FoldedText.SharpS)
                {
                    Push(FoldedText.Of('s'));
                    Push(FoldedText.Of('s'));
                    continue;
                }

                Push(symbol);
            }

            Push(FoldedText.Separator);
        }

        private void Push(byte symbol)
        {
            if (symbol == FoldedText.Separator && _lastWasSeparator)
            {
                return;
            }

            _lastWasSeparator = symbol == FoldedText.Separator;
            _window = ((_window << 6) | symbol) & 0x3FFF_FFFF;
            _length++;
            for (var n = 3; n <= 5 && n <= _length; n++)
            {
                var gram = _window & ((1u << (6 * n)) - 1);
                _features[Count++] = ((uint)(n - 3) << 30) | gram;
            }
        }
    }
}
