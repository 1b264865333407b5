using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

/// <summary>The concept lexicon: objects and states that combine within one clause, in several languages and spellings.</summary>
public sealed class ConceptTests
{
    public static TheoryData<string> CombinationIds()
    {
        var data = new TheoryData<string>();
        foreach (var combination in ConceptLexicon.BuiltIn.Combinations)
        {
            data.Add(combination.Id);
        }

        return data;
    }

    [Fact]
    public void BuiltInCombinations_EveryOne_HasAnExampleToMatchAndOneNotToMatch()
    {
        var combinations = ConceptLexicon.BuiltIn.Combinations;

        Assert.True(combinations.Count >= 10, $"only {combinations.Count} combinations were read");
        Assert.True(ConceptLexicon.BuiltIn.Words.Count >= 200, $"only {ConceptLexicon.BuiltIn.Words.Count} words were read");
        Assert.Empty(combinations.Where(c => !c.Examples.Any(e => e.MustMatch) || !c.Examples.Any(e => !e.MustMatch)).Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(CombinationIds))]
    public void BuiltInCombination_PositiveExamples_AreClassifiedByThatCombination(string id)
    {
        var combination = ConceptLexicon.BuiltIn.Combinations.Single(c => c.Id == id);

        foreach (var example in combination.Examples.Where(e => e.MustMatch))
        {
            var verdict = BounceClassifier.Default.Classify(example.Status, example.Reply, example.RemoteMta, example.Email, example.BounceCategory);
            Assert.True(id == verdict.RuleId, $"'{example.Reply}' was classified by {verdict.RuleId} ({verdict.Reason}), not {id}");
            Assert.Equal(combination.Reason, verdict.Reason);
            Assert.Equal(BounceEvidenceKind.Phrase, verdict.EvidenceKind);
        }
    }

    [Theory]
    [MemberData(nameof(CombinationIds))]
    public void BuiltInCombination_NegativeExamples_DoNotHold(string id)
    {
        var rules = new RuleSet([], [], ConceptLexicon.BuiltIn);
        var index = Array.FindIndex(rules.Combinations, c => c.Id == id);

        foreach (var example in rules.Combinations[index].Examples.Where(e => !e.MustMatch))
        {
            rules.Matcher.Scan(example.Reply, new ulong[rules.Matcher.SeenWords], out var held);
            Assert.True((held & (1UL << index)) == 0, $"'{example.Reply}' made {id} hold");
        }
    }

    [Theory]
    [Trait("Finding", "Fixed phrases broke on Slavic inflection and word order")]
    [InlineData("smtp; 452 Schránky příjemců jsou plné", BounceReason.MailboxFull)]
    [InlineData("smtp; 452 Schranky prijemcu jsou plne", BounceReason.MailboxFull)]
    [InlineData("smtp; 452 Schránka uživatele jan@example.cz je již přeplněná", BounceReason.MailboxFull)]
    [InlineData("smtp; 452 Schránka používateľa je preplnená", BounceReason.MailboxFull)]
    [InlineData("smtp; 452 Skrzynki odbiorców są pełne", BounceReason.MailboxFull)]
    [InlineData("smtp; 550 Uživatele jan@example.cz jsme nenalezli, neexistuje", BounceReason.UserUnknown)]
    [InlineData("smtp; 550 Nie znaleziono użytkownika, konto nie istnieje", BounceReason.UserUnknown)]
    [InlineData("smtp; 550 Nieznany adresat wiadomości", BounceReason.UserUnknown)]
    [InlineData("smtp; 550 Účtu příjemce byl zablokován přístup", BounceReason.Suspend)]
    [InlineData("smtp; 554 Vaše IP adresa se nachází na černé listině", BounceReason.Blocked)]
    public void Classify_InflectedAndReorderedWords_CombineWithinAClause(string reply, BounceReason expected)
    {
        var verdict = BounceClassifier.Default.Classify(null, reply);

        Assert.Equal(expected, verdict.Reason);
    }

    [Theory]
    [InlineData("smtp; 550 Doména příjemce neexistuje")]
    [InlineData("smtp; 550 Domena odbiorcy nie istnieje")]
    [InlineData("smtp; 550 Die Domaene des Empfaengers existiert nicht")]
    [InlineData("smtp; 550 The domain of this user does not exist")]
    [InlineData("smtp; 550 Doména adresy neexistuje")]
    [Trait("Finding", "A phrase naming the recipient unknown won when the clause said the domain does not exist")]
    public void Classify_DomainThatDoesNotExist_IsHostUnknownNeverUserUnknown(string reply)
    {
        Assert.Equal(BounceReason.HostUnknown, BounceClassifier.Default.Classify(null, reply).Reason);
    }

    [Theory]
    [InlineData("smtp; 550 Absenderdomain existiert nicht")]
    [InlineData("smtp; 550 Sender address rejected: Domain not found")]
    [InlineData("smtp; 553 Domena nadawcy nie istnieje")]
    public void Classify_SendersDomainThatDoesNotExist_IsRejectedNotHostUnknown(string reply)
    {
        var verdict = BounceClassifier.Default.Classify("5.0.0", reply);

        Assert.Equal((BounceReason.Rejected, false), (verdict.Reason, verdict.IsHardBounce));
    }

    [Fact]
    public void Classify_DomainThatFailsValidation_IsNotAnUnknownHost()
    {
        var verdict = BounceClassifier.Default.Classify("5.7.323", "smtp; 550 5.7.323 tlsa-invalid: The domain failed DANE validation.");

        Assert.NotEqual(BounceReason.HostUnknown, verdict.Reason);
        Assert.False(verdict.IsHardBounce);
    }

    [Fact]
    public void Classify_HeloNameNotFound_IsBlockedNotAnUnknownHost()
    {
        var verdict = BounceClassifier.Default.Classify("4.7.1", "smtp; 450 4.7.1 <mail.example.net>: Helo command rejected: Host not found");

        Assert.Equal((BounceReason.Blocked, false), (verdict.Reason, verdict.IsHardBounce));
    }

    [Fact]
    public void Classify_ObjectAndStateInDifferentClauses_DoNotCombine()
    {
        var verdict = BounceClassifier.Default.Classify(null, "smtp; 550 Schránka jan@example.cz. Služba není plně dostupná");

        Assert.Equal(BounceReason.Undetermined, verdict.Reason);
    }

    [Theory]
    [InlineData("smtp; 552 Uzivatel ma plnou schranku / User has exhausted allowed storage space", BounceReason.MailboxFull)]
    [InlineData("smtp; 550 Adresat neexistuje / Recipient does not exist", BounceReason.UserUnknown)]
    [InlineData("smtp; 550 Die Adresse existiert nicht - Address unknown", BounceReason.UserUnknown)]
    public void Classify_BilingualReply_IsClassifiedByEitherHalf(string reply, BounceReason expected)
    {
        Assert.Equal(expected, BounceClassifier.Default.Classify(null, reply).Reason);
    }

    [Theory]
    [Trait("Finding", "German replies written with ae, oe, ue missed the phrases written with umlauts")]
    [InlineData("smtp; 550 5.1.1 Ungueltiger Empfaenger", BounceReason.UserUnknown)]
    [InlineData("smtp; 452 4.2.2 Quota ueberschritten", BounceReason.MailboxFull)]
    [InlineData("smtp; 552 5.3.4 Maximale Nachrichtengroesse ueberschritten", BounceReason.EmailTooLarge)]
    [InlineData("smtp; 550 5.1.2 Domaene existiert nicht", BounceReason.HostUnknown)]
    [InlineData("smtp; 452 Postfach ist ueberfuellt", BounceReason.MailboxFull)]
    public void Classify_GermanWithAsciiUmlauts_MatchesTheGermanPhrase(string reply, BounceReason expected)
    {
        var verdict = BounceClassifier.Default.Classify("5.0.0", reply);

        Assert.Equal(expected, verdict.Reason);
        Assert.StartsWith("de.", verdict.RuleId, StringComparison.Ordinal);
    }
}
