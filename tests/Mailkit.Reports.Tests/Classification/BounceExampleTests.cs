using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

public sealed class BounceExampleTests
{
    // Replies no built-in rule knows, so that only the examples can decide them.
    private const string Gone = "smtp; 550 Recipient kijitora@example.jp was frobnicated by the quux daemon";
    private const string Wobbly = "smtp; The wibble queue on mx2.example.org wobbled over, try again later";

    private static readonly BounceExample[] Taught =
    [
        new(Gone, BounceReason.UserUnknown) { Id = "acme.frobnicated" },
        new(Wobbly, BounceReason.SystemError) { Id = "acme.wobbled" },
    ];

    [Theory]
    [InlineData(Gone)]
    [InlineData(Wobbly)]
    [InlineData("the quick brown fox jumps over the lazy dog")]
    public void Classify_RepliesOfTheseTests_NoRuleDecides(string reply) =>
        Assert.Equal(BounceReason.Undetermined, BounceClassifier.Default.Classify("5.0.0", reply).Reason);

    [Fact]
    public void Classify_ReplyTheRulesMiss_TakesTheNearestExamplesReason()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = Taught });

        var verdict = classifier.Classify("5.0.0", "smtp; 550 Recipient shironeko@example.net was frobnicated by the quux daemon (host mx9.example.net)");

        Assert.Equal(BounceReason.UserUnknown, verdict.Reason);
        Assert.Equal(BounceEvidenceKind.NearestExamples, verdict.EvidenceKind);
        Assert.Equal("acme.frobnicated", verdict.RuleId);
        Assert.Equal(Gone, verdict.Evidence);
        Assert.True(verdict.IsHardBounce);
        Assert.Equal(BounceAdvice.Suppress, verdict.Advice);

        // Of the two examples only one names the reason: the confidence is its similarity, at least 0.6, halved.
        Assert.InRange(verdict.Confidence, 0.3, 0.5);
    }

    [Fact]
    public void Classify_AddressesHostsAndNumbersDiffer_ReplyReadsTheSame()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = [Taught[1], new(Gone, BounceReason.UserUnknown) { Id = " " }] });

        var verdict = classifier.Classify(null, "SMTP; 554 RECIPIENT neko@mail.example.com [192.0.2.77] WAS FROBNICATED BY THE QUUX DAEMON 42");

        Assert.Equal(BounceReason.UserUnknown, verdict.Reason);
        Assert.Equal("examples[1]", verdict.RuleId);

        // Alike once the address, host, IP address and numbers are dropped: one of two examples at a similarity of 1.
        Assert.True(verdict.Confidence > 0.999 / 2, $"confidence {verdict.Confidence}");
    }

    [Fact]
    public void Classify_DiacriticsAndCaseDiffer_ComparesAsTheRulesFold()
    {
        var example = new BounceExample("smtp; Příjemce byl zfrobnikován démonem quux", BounceReason.Suspend);
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = [example] });

        var verdict = classifier.Classify(null, "smtp; PRIJEMCE BYL ZFROBNIKOVAN DEMONEM QUUX");

        Assert.Equal(BounceReason.Suspend, verdict.Reason);
        Assert.True(verdict.Confidence > 0.999, $"confidence {verdict.Confidence}");
    }

    [Fact]
    public void Classify_NoExampleSimilarEnough_StaysUndetermined()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = Taught });

        var verdict = classifier.Classify("5.0.0", "the quick brown fox jumps over the lazy dog");

        Assert.Equal(BounceReason.Undetermined, verdict.Reason);
        Assert.Equal(BounceEvidenceKind.None, verdict.EvidenceKind);
        Assert.Equal(string.Empty, verdict.RuleId);
        Assert.Equal(0.0, verdict.Confidence);
    }

    [Fact]
    public void Classify_RuleDecides_ExamplesAreNotConsulted()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions
        {
            Examples = [new("smtp; 550 5.1.1 User unknown", BounceReason.MailboxFull)],
        });

        var verdict = classifier.Classify("5.1.1", "smtp; 550 5.1.1 User unknown");

        Assert.Equal(BounceReason.UserUnknown, verdict.Reason);
        Assert.NotEqual(BounceEvidenceKind.NearestExamples, verdict.EvidenceKind);
        Assert.Equal(1.0, verdict.Confidence);
    }

    [Theory]
    [InlineData("5.0.0", null, true)]
    [InlineData("4.0.0", null, false)]
    [InlineData(null, "temporary", false)]
    [InlineData(null, "permanent", true)]
    public void Classify_HardReasonFromExamples_IsNeverHardForA4xxOrTemporaryBounce(string? status, string? recipientStatus, bool hard)
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = Taught });

        var verdict = classifier.Classify(status, Gone, recipientStatus: recipientStatus);

        Assert.Equal(BounceReason.UserUnknown, verdict.Reason);
        Assert.Equal(BounceEvidenceKind.NearestExamples, verdict.EvidenceKind);
        Assert.Equal(hard, verdict.IsHardBounce);
        Assert.False(verdict.DisagreesWithMailkit);
    }

    [Fact]
    public void Classify_ReplyLongerThanTheCap_OnlyItsStartIsCompared()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions { Examples = Taught });
        var start = Gone + new string(' ', ExampleFeatures.MaxReplyChars);

        var capped = classifier.Classify("5.0.0", start + string.Concat(Enumerable.Repeat("wibble queue wobbled over ", 40_000)));
        var plain = classifier.Classify("5.0.0", Gone);

        Assert.Equal(BounceReason.UserUnknown, capped.Reason);
        Assert.Equal(plain.Confidence, capped.Confidence);
    }

    public static TheoryData<BounceExample?, string> InvalidExamples => new()
    {
        { null, "it is null" },
        { new BounceExample("", BounceReason.Blocked), "it has no reply text" },
        { new BounceExample(null!, BounceReason.Blocked), "it has no reply text" },
        { new BounceExample("smtp; 550 5.7.1 <a@example.com> mx.example.com [192.0.2.1]", BounceReason.Blocked), "no word left to compare" },
        { new BounceExample("smtp; wobbled", BounceReason.Undetermined), "Undetermined" },
        { new BounceExample("smtp; wobbled", (BounceReason)99), "99 is not a defined BounceReason" },
        { new BounceExample("smtp; wobbled", BounceReason.Blocked) { Status = "5.x" }, "its status '5.x' is not an enhanced status code" },
    };

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Constructor_InvalidExample_ThrowsNamingTheIndexAndTheProblem(BounceExample? example, string problem)
    {
        var options = new BounceClassifierOptions { Examples = [Taught[0], example!] };

        var exception = Assert.Throws<ArgumentException>(() => new BounceClassifier(options));

        Assert.Equal("options", exception.ParamName);
        Assert.Contains("example at index 1 is invalid", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MoreExamplesThanTheLimit_ThrowsSayingHowMany()
    {
        var options = new BounceClassifierOptions { Examples = Enumerable.Repeat(Taught[0], ExampleIndex.MaxExamples + 1).ToList() };

        var exception = Assert.Throws<ArgumentException>(() => new BounceClassifier(options));

        Assert.Equal("options", exception.ParamName);
        Assert.Contains("at most 100000 examples; 100001 were given", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SameExamples_SameVerdictsInAnyThreadAndInstance()
    {
        var replies = new[] { Gone, Wobbly, "smtp; the wibble queue wobbled", "recipient frobnicated", "nothing alike" };
        var first = new BounceClassifier(new BounceClassifierOptions { Examples = Taught });
        var second = new BounceClassifier(new BounceClassifierOptions { Examples = [.. Taught] });
        var expected = replies.Select(r => Describe(first.Classify(null, r))).ToList();

        var parallel = replies.AsParallel().AsOrdered().Select(r => Describe(second.Classify(null, r))).ToList();

        Assert.Equal(expected, parallel);
        Assert.Contains(expected, d => d.StartsWith("SystemError", StringComparison.Ordinal));
    }

    private static string Describe(BounceClassification verdict) =>
        FormattableString.Invariant($"{verdict.Reason} {verdict.IsHardBounce} {verdict.RuleId} {verdict.Confidence:R} {verdict.Evidence}");
}
