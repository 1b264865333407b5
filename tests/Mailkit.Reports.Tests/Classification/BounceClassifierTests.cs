using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Classification;

public sealed class BounceClassifierTests
{
    [Fact]
    public void Ctor_NullOptions_Throws() =>
        Assert.Throws<ArgumentNullException>("options", () => new BounceClassifier(null!));

    [Theory]
    [InlineData("acme.none", null, null, "no condition")]
    [InlineData("acme.bad-status", null, "5.x", "enhanced status")]
    [InlineData("acme.cyrillic", "пользователь", null, "neither a Latin letter")]
    [InlineData("acme.punctuation", "...", null, "no letter or digit")]
    public void Ctor_InvalidRule_ThrowsArgumentExceptionNamingTheRule(string id, string? phrase, string? status, string problem)
    {
        var options = new BounceClassifierOptions { Rules = [new BounceRule(id, BounceReason.Blocked) { Phrases = phrase is null ? [] : [phrase], EnhancedStatus = status }] };

        var error = Assert.Throws<ArgumentException>("options", () => new BounceClassifier(options));

        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_DuplicateCallerRuleIds_Throws()
    {
        var options = new BounceClassifierOptions
        {
            Rules = [new BounceRule("acme.same", BounceReason.Blocked) { ReplyCode = 554 }, new BounceRule("acme.same", BounceReason.Rejected) { ReplyCode = 553 }],
        };

        var error = Assert.Throws<ArgumentException>("options", () => new BounceClassifier(options));

        Assert.Contains("same ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_CallerRule_RunsBeforeBuiltInRules()
    {
        var options = new BounceClassifierOptions { Rules = [new BounceRule("acme.suspend.user-unknown", BounceReason.Suspend) { Phrases = ["user unknown"], HostSuffixes = ["acme.example"] }] };
        var classifier = new BounceClassifier(options);

        var ours = classifier.Classify("5.1.1", "smtp; 550 5.1.1 User unknown", "dns; mx1.acme.example");
        var others = classifier.Classify("5.1.1", "smtp; 550 5.1.1 User unknown", "dns; mx.example.org");

        Assert.Equal((BounceReason.Suspend, "acme.suspend.user-unknown", BounceEvidenceKind.CallerRule), (ours.Reason, ours.RuleId, ours.EvidenceKind));
        Assert.Equal("user unknown", ours.Evidence);
        Assert.Equal(BounceReason.UserUnknown, others.Reason);
    }

    [Theory]
    [InlineData("smtp; 552 5.2.2 Schránka je plná")]
    [InlineData("smtp; 552 5.2.2 SCHRANKA   JE\tPLNA")]
    [InlineData("smtp; 552 5.2.2 Schra\u0301nka je plna\u0301")]
    public void Classify_CzechPhrase_IgnoresCaseDiacriticsAndWhiteSpace(string reply)
    {
        var verdict = BounceClassifier.Default.Classify(null, reply);

        Assert.Equal(BounceReason.MailboxFull, verdict.Reason);
        Assert.Equal(BounceEvidenceKind.Phrase, verdict.EvidenceKind);
        Assert.Equal(BounceAdvice.SuppressIfRepeated, verdict.Advice);
        Assert.False(verdict.IsHardBounce);
    }

    [Fact]
    public void Classify_UserUnknownAfterData_IsFilteredAndSoft()
    {
        var atRcpt = BounceClassifier.Default.Classify("5.1.1", "smtp; 550 5.1.1 <a@example.org>: User unknown (in reply to RCPT TO command)");
        var afterData = BounceClassifier.Default.Classify("5.1.1", "smtp; 550 5.1.1 <a@example.org>: User unknown (in reply to end of DATA command)");

        Assert.Equal((BounceReason.UserUnknown, true, BounceAdvice.Suppress), (atRcpt.Reason, atRcpt.IsHardBounce, atRcpt.Advice));
        Assert.Equal((BounceReason.Filtered, false), (afterData.Reason, afterData.IsHardBounce));
    }

    [Theory]
    [InlineData("5.1.10", true)]
    [InlineData("4.1.10", false)]
    public void Classify_NotAccept_IsHardOnlyOnAPermanentStatus(string status, bool hard)
    {
        var verdict = BounceClassifier.Default.Classify(status, "smtp; Recipient address has null MX");

        Assert.Equal(BounceReason.NotAccept, verdict.Reason);
        Assert.Equal(hard, verdict.IsHardBounce);
    }

    [Fact]
    public void Classify_OnlyAStatusCode_UsesTheRegistry()
    {
        var verdict = BounceClassifier.Default.Classify("5.7.26", "smtp; 550 rejected");

        Assert.Equal((BounceReason.AuthFailure, "esc.7.26", "x.7.26", BounceEvidenceKind.EnhancedStatus), (verdict.Reason, verdict.RuleId, verdict.Evidence, verdict.EvidenceKind));
        Assert.Equal(BounceAdvice.FixSending, verdict.Advice);
    }

    [Fact]
    public void Classify_StatusOnlyInTheReply_IsReadFromTheReply()
    {
        var verdict = BounceClassifier.Default.Classify("5.0.0", "smtp; 550-5.2.2 see https://example.org");

        Assert.Equal(BounceReason.MailboxFull, verdict.Reason);
    }

    [Fact]
    public void Classify_NothingToGoOn_IsUndeterminedWithoutDisagreement()
    {
        var verdict = BounceClassifier.Default.Classify(null, "smtp; 554 go away", recipientStatus: "permanent");

        Assert.Equal((BounceReason.Undetermined, false, BounceAdvice.Retry, BounceEvidenceKind.None), (verdict.Reason, verdict.IsHardBounce, verdict.Advice, verdict.EvidenceKind));
        Assert.Equal(string.Empty, verdict.RuleId);
        Assert.False(verdict.DisagreesWithMailkit);
    }

    [Fact]
    public void Classify_Record_ReadsBounceCategoryAndReportsDisagreement()
    {
        var record = new BounceRecord
        {
            UndeliveredLogId = 1,
            Email = "jan@example.cz",
            ServerReply = "smtp; 550 Requested action not taken",
            RecipientStatus = RecipientStatus.Temporary,
            ExtraFields = new Dictionary<string, string> { ["BOUNCE_CAT"] = "bad-mailbox" },
        };

        var verdict = BounceClassifier.Default.Classify(record);

        Assert.Equal((BounceReason.UserUnknown, "mailkit.bad-mailbox", BounceEvidenceKind.MailkitHint), (verdict.Reason, verdict.RuleId, verdict.EvidenceKind));
        Assert.True(verdict.DisagreesWithMailkit);
    }

    [Fact]
    public void Classify_Record_AgreeingWithMailkit_IsNotFlagged()
    {
        var record = new BounceRecord
        {
            UndeliveredLogId = 1,
            Status = EnhancedStatusCode.Parse("5.1.1"),
            ServerReply = "smtp; 550 5.1.1 User unknown",
            RecipientStatus = RecipientStatus.Permanent,
        };

        Assert.False(BounceClassifier.Default.Classify(record).DisagreesWithMailkit);
    }

    [Fact]
    public void Classify_NullRecord_Throws() =>
        Assert.Throws<ArgumentNullException>("record", () => BounceClassifier.Default.Classify((BounceRecord)null!));

    [Fact]
    public void Classify_ProviderRule_NeedsTheProvidersHost()
    {
        var outlook = BounceClassifier.Default.Classify("5.4.1", "smtp; 550 5.4.1 Recipient address rejected: Access denied", "dns; example-cz.mail.protection.outlook.com");
        var elsewhere = BounceClassifier.Default.Classify("5.4.1", "smtp; 550 5.4.1 Recipient address rejected: Access denied", "dns; mx.example.net");

        Assert.Equal((BounceReason.UserUnknown, BounceEvidenceKind.Provider), (outlook.Reason, outlook.EvidenceKind));
        Assert.NotEqual(BounceReason.UserUnknown, elsewhere.Reason);
    }
}
