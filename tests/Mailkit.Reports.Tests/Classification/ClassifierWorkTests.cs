using System.Text;
using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

/// <summary>
/// The classifier's work is bounded by its rules, not by the size of what it is given: these tests count the work
/// (suffix look-ups, phrases kept) instead of timing it. The benchmarks measure the time.
/// </summary>
public sealed class ClassifierWorkTests
{
    private const int OneMebibyte = 1 << 20;

    [Fact]
    [Trait("Finding", "R2-M1")]
    public void HostMatch_OneMebibyteHost_LooksUpAsManySuffixesAsAOneKibibyteOne()
    {
        var table = new HostSuffixTable(["seznam.cz", "protection.outlook.com", "outlook.com", "cz"]);
        Span<int> ids = stackalloc int[table.MaxMatchesPerHost];

        var smallCount = table.Match(Host(1 << 10), ids, 0, out var smallProbes);
        var smallIds = ids[..smallCount].ToArray();
        var hugeCount = table.Match(Host(OneMebibyte), ids, 0, out var hugeProbes);

        Assert.Equal(["seznam.cz", "cz"], smallIds.Select(i => table[i]));
        Assert.Equal(smallIds, ids[..hugeCount].ToArray());
        Assert.Equal(smallProbes, hugeProbes);
        Assert.True(hugeProbes <= "protection.outlook.com".Length, $"{hugeProbes} look-ups for a 1 MiB host");

        static string Host(int length)
        {
            var host = new StringBuilder(length + 16);
            while (host.Length < length)
            {
                host.Append("a.");
            }

            return host.Append("mx1.seznam.cz").ToString();
        }
    }

    [Theory]
    [Trait("Finding", "A remote MTA with an address literal matched no host suffix")]
    [InlineData("dns; mx1.acme.example [192.0.2.1]")]
    [InlineData("mx1.acme.example[192.0.2.1]")]
    [InlineData("dns; mx1.acme.example. (192.0.2.1)")]
    [InlineData("dns;MX1.ACME.EXAMPLE")]
    public void Classify_RemoteMtaWithAddressLiteral_MatchesTheHostSuffix(string remoteMta)
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions
        {
            Rules = [new BounceRule("acme.blocked", BounceReason.Blocked) { HostSuffixes = ["acme.example"] }],
        });

        var verdict = classifier.Classify("5.0.0", "smtp; 554 go away", remoteMta);

        Assert.Equal("acme.blocked", verdict.RuleId);
    }

    [Theory]
    [InlineData("Jan Novák <jan@acme.example>")]
    [InlineData("jan@acme.example")]
    [InlineData("\"jan@elsewhere.example\"@acme.example")]
    public void Classify_RecipientAddress_MatchesTheHostSuffix(string email)
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions
        {
            Rules = [new BounceRule("acme.blocked", BounceReason.Blocked) { HostSuffixes = ["acme.example"] }],
        });

        Assert.Equal("acme.blocked", classifier.Classify("5.0.0", "smtp; 554 go away", email: email).RuleId);
    }

    [Fact]
    [Trait("Finding", "Phrases found after the 32nd were silently dropped")]
    public void Classify_ManyPhrasesBeforeTheDecidingOne_KeepsTheBestRule()
    {
        var phrases = RuleFileReader.BuiltIn
            .Where(r => r.Rule.ContextPhrases.Count == 0)
            .SelectMany(r => r.Rule.Phrases)
            .Where(p => !p.Contains('*', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(40)
            .ToList();
        var classifier = new BounceClassifier(new BounceClassifierOptions
        {
            Rules = [new BounceRule("acme.suppressed.widget", BounceReason.Suppressed) { Phrases = ["acme widget refused"] }],
        });

        var verdict = classifier.Classify(null, "smtp; 550 " + string.Join(". ", phrases) + ". acme widget refused");

        Assert.Equal(40, phrases.Count);
        Assert.Equal("acme.suppressed.widget", verdict.RuleId);
    }

    [Fact]
    public void Scan_OneMebibyteOfRepeatedPhrases_KeepsEachPhraseOnce()
    {
        var rules = new RuleSet([], RuleFileReader.BuiltIn);
        const string Line = "550-5.1.1 <jan@example.org>: Recipient address rejected: User unknown in local recipient table; mailbox full ";
        var huge = new StringBuilder(OneMebibyte + Line.Length);
        while (huge.Length < OneMebibyte)
        {
            huge.Append(Line);
        }

        var once = new ulong[rules.Matcher.SeenWords];
        var many = new ulong[rules.Matcher.SeenWords];
        var foundOnce = rules.Matcher.Scan(Line, once);
        var foundMany = rules.Matcher.Scan(huge.ToString(), many);

        // The work after the scan is one test per phrase found: the same for one line as for a mebibyte of them.
        Assert.True(foundOnce > 1, $"{foundOnce} phrases found in '{Line}'");
        Assert.Equal(foundOnce, foundMany);
        Assert.Equal(once, many);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Classify_OneMebibyteField_GivesTheVerdictOfItsShortForm(int field)
    {
        const string Reply = "smtp; 550 5.1.1 <jan@seznam.cz>: User unknown";
        var filler = new string('x', OneMebibyte);
        var (reply, mta, email) = field switch
        {
            0 => (Reply + " " + filler, "dns; mx1.seznam.cz", "jan@seznam.cz"),
            1 => (Reply, "dns; " + filler + ".seznam.cz", "jan@seznam.cz"),
            _ => (Reply, "dns; mx1.seznam.cz", filler + "@seznam.cz"),
        };

        var expected = BounceClassifier.Default.Classify("5.1.1", Reply, "dns; mx1.seznam.cz", "jan@seznam.cz");
        var verdict = BounceClassifier.Default.Classify("5.1.1", reply, mta, email);

        Assert.Equal((expected.Reason, expected.RuleId, expected.IsHardBounce), (verdict.Reason, verdict.RuleId, verdict.IsHardBounce));
    }
}
