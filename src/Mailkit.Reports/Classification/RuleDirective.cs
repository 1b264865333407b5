namespace Mailkit.Reports.Classification;

/// <summary>
/// One directive line of a rule or lexicon file: its line number, its keyword and the rest of the line. Blank lines
/// and <c>#</c> comments are skipped, so the rule files and the concept lexicon share one syntax.
/// </summary>
internal readonly record struct RuleDirective(int Number, string Keyword, string Value)
{
    /// <summary>Reads the directives of a file, in order.</summary>
    public static IEnumerable<RuleDirective> ReadAll(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            yield return new RuleDirective(
                number, space < 0 ? line : line[..space], space < 0 ? string.Empty : line[(space + 1)..].Trim());
        }
    }
}
