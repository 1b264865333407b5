using Mailkit.Reports.Tests.Fuzzing;
using Xunit.Abstractions;

namespace Mailkit.Reports.Tests.Decoding.Xml;

/// <summary>
/// Differential test of the tokenizer alone: the XML-RPC fuzz corpus (valid and mutated responses) is read as plain XML by
/// the tokenizer, at random read sizes, and by <see cref="System.Xml.XmlReader"/> under the same rules
/// (<see cref="XmlRpcReference.ReadXml"/>); both must accept or refuse the same bodies, and give every element the same text.
/// </summary>
public class Utf8XmlTokenizerDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void TryRead_FuzzCorpus_AgreesWithXmlReaderOnVerdictAndTexts()
    {
        var seed = FuzzSettings.Seed;
        var disagreements = new List<string>();
        int accepted = 0, refused = 0;
        foreach (var index in FuzzSettings.Indexes())
        {
            var caseSeed = FuzzSettings.CaseSeed(seed, index);
            var body = new XmlRpcCorpus(new Random(caseSeed)).Next(out _);
            var reference = XmlRpcReference.ReadXml(body);
            var random = new Random(caseSeed);
            var readSizes = Enumerable.Range(0, 64).Select(_ => random.Next(10) < 3 ? 1 : random.Next(1, 64)).ToArray();
            List<(string Name, string Text)>? tokenized;
            string? why = null;
            try
            {
                tokenized = TokenizerDriver.Document(body, readSizes);
            }
            catch (FormatException ex)
            {
                tokenized = null;
                why = ex.Message;
            }

            if (reference is null)
            {
                refused++;
            }
            else
            {
                accepted++;
            }

            var problem = (reference, tokenized) switch
            {
                (null, null) => null,
                (null, _) => "the tokenizer accepts what XmlReader refuses",
                (_, null) => $"the tokenizer refuses what XmlReader accepts: {why}",
                _ when !reference.SequenceEqual(tokenized) => "the elements' texts differ: " + FirstDifference(reference, tokenized),
                _ => null,
            };
            if (problem is not null)
            {
                disagreements.Add($"case {index}: {problem}\n  {FuzzText.Escape(body)}");
            }
        }

        output.WriteLine($"{accepted} accepted, {refused} refused by XmlReader; {disagreements.Count} disagreement(s).");
        Assert.True(accepted > 100 && refused > 100, $"the corpus should hold both kinds: {accepted} accepted, {refused} refused");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(10)));
    }

    private static string FirstDifference(List<(string Name, string Text)> reference, List<(string Name, string Text)> tokenized)
    {
        for (var i = 0; i < Math.Min(reference.Count, tokenized.Count); i++)
        {
            if (reference[i] != tokenized[i])
            {
                return $"element {i}: XmlReader <{reference[i].Name}> \"{FuzzText.Escape(reference[i].Text)}\", tokenizer <{tokenized[i].Name}> \"{FuzzText.Escape(tokenized[i].Text)}\"";
            }
        }

        return $"XmlReader read {reference.Count} elements, the tokenizer {tokenized.Count}";
    }
}
