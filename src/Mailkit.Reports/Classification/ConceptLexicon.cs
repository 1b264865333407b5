namespace Mailkit.Reports.Classification;

/// <summary>
/// The concepts of <c>Rules/concepts.rules</c>: words, per language, for the objects a bounce talks about (mailbox,
/// user, domain, sender, IP) and the states they are in (full, unknown, disabled, listed), and the combinations of
/// them within one clause that give a reason. The format is described at the top of the file.
/// </summary>
internal sealed class ConceptLexicon
{
    /// <summary>The most concepts, and the most combinations, a lexicon holds: each is one bit of a mask.</summary>
    public const int MaxBits = 64;

    private static readonly Lazy<ConceptLexicon> Cache = new(ReadBuiltIn);

    private ConceptLexicon(List<(string Word, int Concept)> words, List<ConceptCombination> combinations)
    {
        Words = words;
        Combinations = combinations;
    }

    /// <summary>Gets the built-in lexicon, read once.</summary>
    public static ConceptLexicon BuiltIn => Cache.Value;

    /// <summary>Gets each word and the concept it names, German words also in their ASCII spelling.</summary>
    public IReadOnlyList<(string Word, int Concept)> Words { get; }

    /// <summary>Gets the combinations in rank order.</summary>
    public IReadOnlyList<ConceptCombination> Combinations { get; }

    /// <summary>Reads a lexicon.</summary>
    /// <exception cref="FormatException">The text is not a valid lexicon; the message names the line.</exception>
    internal static ConceptLexicon Read(string file, TextReader reader)
    {
        var concepts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<(string, int)>();
        var combinations = new List<ConceptCombination>();
        var concept = -1;
        ConceptCombination? combination = null;
        foreach (var (number, keyword, value) in RuleDirective.ReadAll(reader))
        {
            switch (keyword)
            {
                case "concept" when value.Length > 0 && !value.Contains(' ', StringComparison.Ordinal):
                    if (concepts.Count == MaxBits || !concepts.TryAdd(value, concept = concepts.Count))
                    {
                        throw Error(file, number, $"the concept '{value}' is defined twice or is one too many");
                    }

                    combination = null;
                    break;
                case "word" when concept >= 0 && combination is null:
                    if (FoldedText.FoldPhrase(value, out var error) is null)
                    {
                        throw Error(file, number, error!);
                    }

                    words.Add((value, concept));
                    if (FoldedText.AsciiUmlauts(value) is { } ascii)
                    {
                        words.Add((ascii, concept));
                    }

                    break;
                case "combine":
                    combination = Combination(value, concepts, file, number);
                    if (combinations.Count == MaxBits)
                    {
                        throw Error(file, number, "too many combinations");
                    }

                    combinations.Add(combination);
                    break;
                case "supersedes" when combination is not null:
                    foreach (var name in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        combination.Supersedes |= BounceReasons.TryParse(name, out var superseded)
                            ? 1UL << (int)superseded
                            : throw Error(file, number, $"unknown reason '{name}'");
                    }

                    break;
                case "+" or "-" when combination is not null:
                    combination.Examples.Add(RuleFileReader.Example(keyword == "+", value, file, number));
                    break;
                default:
                    throw Error(file, number, $"'{keyword}' is not expected here");
            }
        }

        return new ConceptLexicon(words, combinations);
    }

    private static ConceptCombination Combination(string value, Dictionary<string, int> concepts, string file, int number)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !BounceReasons.TryParse(parts[1], out var reason))
        {
            throw Error(file, number, "expected 'combine <id> <reason> <term>...'");
        }

        var required = new List<ulong>();
        var forbidden = 0UL;
        foreach (var term in parts.AsSpan(2))
        {
            var mask = 0UL;
            foreach (var name in term.TrimStart('!').Split('|'))
            {
                mask |= concepts.TryGetValue(name, out var bit)
                    ? 1UL << bit
                    : throw Error(file, number, $"unknown concept '{name}'");
            }

            if (term.StartsWith('!'))
            {
                forbidden |= mask;
            }
            else
            {
                required.Add(mask);
            }
        }

        return new ConceptCombination(parts[0], reason, [.. required], forbidden, string.Join(' ', parts.AsSpan(2).ToArray()));
    }

    private static ConceptLexicon ReadBuiltIn()
    {
        const string Name = "Mailkit.Reports.Classification.Rules.concepts.rules";
        using var stream = typeof(ConceptLexicon).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"The rule file {Name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Read("concepts", reader);
    }

    private static FormatException Error(string file, int line, string message) => new($"{file}.rules line {line}: {message}.");
}
