namespace Mailkit.Reports.Classification;

/// <summary>
/// The alphabet phrases are matched in: letters folded to lower-case ASCII without diacritics, digits, one separator for
/// any run of white space and punctuation, and one symbol for every other letter (Cyrillic, CJK, …).
/// </summary>
internal static class FoldedText
{
    public const int SymbolCount = 38;
    public const byte Other = 0;
    public const byte Separator = 1;
    public const byte SharpS = 254;
    public const byte Skip = 255;

    /// <summary>The symbol of <c>a</c>: symbols from 2 up to it are the digits.</summary>
    public const byte FirstLetter = 12;

    // The base letter of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A); a space for × and ÷.
    private const string Latin =
        "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggg"
        + "gggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static readonly byte[] Table = Build();
    private static readonly System.Buffers.SearchValues<char> Umlauts = System.Buffers.SearchValues.Create("äöüÄÖÜ");

    /// <summary>Gets the symbol of each UTF-16 code unit.</summary>
    public static ReadOnlySpan<byte> Symbols => Table;

    /// <summary>The symbol of a lower-case ASCII letter or digit.</summary>
    public static byte Of(char c) => Table[c];

    /// <summary>
    /// Folds a rule's phrase into symbols, with a separator at each end that keeps a word boundary (a <c>*</c> there drops it).
    /// </summary>
    /// <returns>The symbols, or <see langword="null"/> with <paramref name="error"/> set when the phrase cannot be matched.</returns>
    public static byte[]? FoldPhrase(string phrase, out string? error)
    {
        var text = phrase.AsSpan().Trim();
        var open = text.IsEmpty || text[0] != '*';
        var close = text.IsEmpty || text[^1] != '*';
        text = text.Trim('*');
        var symbols = new List<byte>(text.Length + 2);
        if (open)
        {
            symbols.Add(Separator);
        }

        var words = 0;
        foreach (var ch in text)
        {
            var symbol = Table[ch];
            if (symbol == Skip)
            {
                continue;
            }

            if (symbol == Other)
            {
                error = $"the phrase '{phrase}' holds '{ch}', which is neither a Latin letter, a digit nor punctuation";
                return null;
            }

            if (symbol == SharpS)
            {
                symbols.Add(Table['s']);
                symbols.Add(Table['s']);
                words++;
                continue;
            }

            if (symbol == Separator)
            {
                if (symbols.Count > 0 && symbols[^1] != Separator)
                {
                    symbols.Add(Separator);
                }

                continue;
            }

            symbols.Add(symbol);
            words++;
        }

        if (words == 0)
        {
            error = $"the phrase '{phrase}' has no letter or digit";
            return null;
        }

        if (symbols[^1] == Separator)
        {
            symbols.RemoveAt(symbols.Count - 1);
        }

        if (close)
        {
            symbols.Add(Separator);
        }

        error = null;
        return [.. symbols];
    }

    /// <summary>
    /// Spells a German phrase's umlauts the ASCII way (<c>ä</c> as <c>ae</c>, <c>ö</c> as <c>oe</c>, <c>ü</c> as <c>ue</c>),
    /// as German servers write them in SMTP replies; folding alone would read <c>ä</c> as <c>a</c>.
    /// </summary>
    /// <returns>The ASCII spelling, or <see langword="null"/> when the phrase has no umlaut.</returns>
    public static string? AsciiUmlauts(string phrase)
    {
        if (phrase.AsSpan().IndexOfAny(Umlauts) < 0)
        {
            return null;
        }

        return phrase.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("Ä", "Ae", StringComparison.Ordinal)
            .Replace("Ö", "Oe", StringComparison.Ordinal).Replace("Ü", "Ue", StringComparison.Ordinal);
    }

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            table[c] = ch switch
            {
                >= '0' and <= '9' => (byte)(2 + ch - '0'),
                >= 'a' and <= 'z' => (byte)(12 + ch - 'a'),
                >= 'A' and <= 'Z' => (byte)(12 + ch - 'A'),
                < (char)0xC0 => Separator,
                '\u00DF' => SharpS,
                <= (char)0x17F => Latin[ch - 0xC0] == ' ' ? Separator : (byte)(12 + Latin[ch - 0xC0] - 'a'),
                >= (char)0x300 and <= (char)0x36F => Skip,
                _ => char.IsLetterOrDigit(ch) ? Other : Separator,
            };
        }

        return table;
    }
}
