using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

/// <summary>
/// One test per row of the evidence precedence table (the classification article, "How a verdict is reached", and
/// <see cref="BounceClassifier"/>'s remarks), and per rule of hardness.
/// </summary>
public sealed class EvidencePrecedenceTests
{
    [Fact]
    public void Row1_CallerRule_BeatsAProviderRuleAndASpecificStatus()
    {
        var classifier = new BounceClassifier(new BounceClassifierOptions
        {
            Rules = [new BounceRule("acme.suppressed.service", BounceReason.Suppressed) { Phrases = ["service mapped"] }],
        });

        var verdict = classifier.Classify("5.1.1", "smtp; 550 5.1.1 szn; User hasn't got the service mapped", "dns; mx1.seznam.cz");

        Assert.Equal(("acme.suppressed.service", BounceEvidenceKind.CallerRule), (verdict.RuleId, verdict.EvidenceKind));
    }

    [Fact]
    public void Row2_ProviderRule_BeatsTheRegistryMeaningOfTheStatus()
    {
        // Exchange Online's directory-based edge blocking answers 5.4.1 ("no answer from host" in the registry).
        var verdict = BounceClassifier.Default.Classify(
            "5.4.1", "smtp; 550 5.4.1 Recipient address rejected: Access denied", "dns; example-cz.mail.protection.outlook.com");

        Assert.Equal((BounceReason.UserUnknown, BounceEvidenceKind.Provider), (verdict.Reason, verdict.EvidenceKind));
    }

    [Fact]
    public void Row2_ProviderRule_HoldsOnlyForTheWordingItDocuments()
    {
        var verdict = BounceClassifier.Default.Classify("5.4.1", "smtp; 550 5.4.1 Relay Access Denied", "dns; example-cz.mail.protection.outlook.com");

        Assert.Equal((BounceReason.NoRelaying, false), (verdict.Reason, verdict.IsHardBounce));
    }

    [Fact]
    public void Row3_SpecificPhrase_BeatsTheStatus()
    {
        var verdict = BounceClassifier.Default.Classify("5.1.1", "smtp; 550 5.1.1 <jan@example.org>: User unknown (in reply to end of DATA command)");

        Assert.Equal((BounceReason.Filtered, BounceEvidenceKind.Phrase), (verdict.Reason, verdict.EvidenceKind));
    }

    [Theory]
    [Trait("Finding", "Generic phrases outranked a specific enhanced status")]
    [InlineData("5.1.1", "smtp; 550 5.1.1 The recipient is not listed in the address book", BounceReason.UserUnknown)]
    [InlineData("5.2.1", "smtp; 550 5.2.1 Requested action not taken: mailbox unavailable", BounceReason.Suspend)]
    [InlineData("5.1.8", "smtp; 550 5.1.8 Absenderdomain existiert nicht", BounceReason.Rejected)]
    [InlineData("4.3.1", "smtp; 452 4.3.1 Nicht genügend Speicherplatz auf dem Server", BounceReason.SystemFull)]
    [InlineData("5.7.7", "smtp; 554 5.7.7 Signing certificate has expired", BounceReason.ContentError)]
    public void Row4_SpecificStatus_BeatsAGenericPhrase(string status, string reply, BounceReason expected)
    {
        var verdict = BounceClassifier.Default.Classify(status, reply);

        Assert.Equal((expected, BounceEvidenceKind.EnhancedStatus), (verdict.Reason, verdict.EvidenceKind));
    }

    [Theory]
    [InlineData("5.7.1", "smtp; 554 5.7.1 Your address is listed in a local list", BounceReason.Blocked)]
    [InlineData(null, "smtp; 550 Requested action not taken: mailbox unavailable", BounceReason.UserUnknown)]
    public void Row5_GenericPhrase_DecidesWhenTheStatusSaysLittle(string? status, string reply, BounceReason expected)
    {
        var verdict = BounceClassifier.Default.Classify(status, reply);

        Assert.Equal((expected, BounceEvidenceKind.Phrase), (verdict.Reason, verdict.EvidenceKind));
    }

    [Fact]
    public void Row6_ReplyCode_DecidesOnlyWhenNothingElseDoes()
    {
        var verdict = BounceClassifier.Default.Classify(null, "smtp; 503 need RCPT command");

        Assert.Equal((BounceReason.SyntaxError, BounceEvidenceKind.ReplyCode), (verdict.Reason, verdict.EvidenceKind));
    }

    [Theory]
    [Trait("Finding", "Reply-code fallbacks gave a confident wrong reason")]
    [InlineData("smtp; 452 Requested action not taken")]
    [InlineData("smtp; 552 Requested mail action aborted")]
    [InlineData("smtp; 551 Sorry, that domain isn't in my list of allowed rcpthosts")]
    public void Row6_AmbiguousReplyCode_IsUndetermined(string reply)
    {
        var verdict = BounceClassifier.Default.Classify(null, reply);

        Assert.Equal((BounceReason.Undetermined, BounceAdvice.Retry), (verdict.Reason, verdict.Advice));
    }

    [Fact]
    public void Row7_MailkitCategory_DecidesLast()
    {
        var withStatus = BounceClassifier.Default.Classify("5.2.2", "smtp; 552 rejected", bounceCategory: "bad-mailbox");
        var alone = BounceClassifier.Default.Classify(null, "smtp; 550 rejected", bounceCategory: "bad-mailbox");

        Assert.Equal(BounceReason.MailboxFull, withStatus.Reason);
        Assert.Equal((BounceReason.UserUnknown, BounceEvidenceKind.MailkitHint), (alone.Reason, alone.EvidenceKind));
    }

    [Fact]
    public void Row8_NothingDecides_IsUndeterminedWithRetry()
    {
        var verdict = BounceClassifier.Default.Classify("5.0.0", "smtp; 550 go away");

        Assert.Equal((BounceReason.Undetermined, false, BounceAdvice.Retry), (verdict.Reason, verdict.IsHardBounce, verdict.Advice));
    }

    [Theory]
    [Trait("Finding", "A 4xx failure could be a hard bounce")]
    [InlineData("4.1.1", "smtp; 450 4.1.1 <jan@example.org>: Recipient address rejected: User unknown in local recipient table", null, null, null)]
    [InlineData(null, "smtp; 450 4.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "dns; example-cz.mail.protection.outlook.com", null, null)]
    [InlineData("5.1.1", "smtp; 550 5.1.1 User unknown", null, null, "temporary")]
    [InlineData("4.0.0", "smtp; 550 5.1.1 User unknown", null, null, null)]
    [InlineData("4.1.2", "smtp; Host or domain name not found", "dns; mx.example.cz [192.0.2.1]", null, null)]
    public void Hardness_AnySignOfATemporaryFailure_IsNeverHard(string? status, string reply, string? mta, string? email, string? recipientStatus)
    {
        var verdict = BounceClassifier.Default.Classify(status, reply, mta, email, recipientStatus: recipientStatus);

        Assert.NotEqual(BounceReason.Undetermined, verdict.Reason);
        Assert.False(verdict.IsHardBounce, verdict.ToString());
        Assert.Equal(BounceAdvice.SuppressIfRepeated, verdict.Advice);
    }

    [Theory]
    [Trait("Finding", "Host rules on a bare 'mailbox unavailable' turned a 4xx at a provider into a hard unknown user")]
    [InlineData("jan@web.de")]
    [InlineData("jan@seznam.cz")]
    [InlineData("jan@wp.pl")]
    [InlineData("jan@hotmail.com")]
    public void Hardness_TemporaryMailboxUnavailableAtAProvider_IsNotAnUnknownUser(string email)
    {
        var verdict = BounceClassifier.Default.Classify(null, "smtp; 450 Requested mail action not taken: mailbox unavailable", email: email);

        Assert.Equal((BounceReason.Undetermined, false), (verdict.Reason, verdict.IsHardBounce));
    }

    [Fact]
    public void Hardness_TranscriptEndingInAPermanentReply_IsHard()
    {
        var verdict = BounceClassifier.Default.Classify("5.1.1", "smtp; 450 busy - please try later 550 5.1.1 User unknown");

        Assert.True(verdict.IsHardBounce, verdict.ToString());
    }

    [Theory]
    [Trait("Finding", "Long phrases missed multi-line replies with continuation codes")]
    [InlineData("4.2.1", "smtp; 450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. 450 4.2.1 Please resend", BounceReason.RateLimited)]
    [InlineData("5.7.26", "smtp; 550-5.7.26 This mail has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to 550-5.7.26 authenticate with either SPF or DKIM.", BounceReason.AuthFailure)]
    [InlineData(null, "smtp; 554-mx.example.net 554-Sorry, your message 554-was scored as spam", BounceReason.SpamDetected)]
    public void Continuation_MarkersInsideASentence_AreSkipped(string? status, string reply, BounceReason expected)
    {
        Assert.Equal(expected, BounceClassifier.Default.Classify(status, reply).Reason);
    }
}
