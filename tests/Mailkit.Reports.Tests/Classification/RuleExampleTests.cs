using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

public sealed class RuleExampleTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleFileReader.BuiltIn)
        {
            data.Add(rule.Rule.Id);
        }

        return data;
    }

    [Fact]
    public void BuiltInRules_EveryRule_HasAnExampleToMatchAndOneNotToMatch()
    {
        var missing = RuleFileReader.BuiltIn
            .Where(r => !r.Examples.Any(e => e.MustMatch) || !r.Examples.Any(e => !e.MustMatch))
            .Select(r => $"{r.File}.rules:{r.Line} {r.Rule.Id}")
            .ToList();

        Assert.True(RuleFileReader.BuiltIn.Count > 100, $"only {RuleFileReader.BuiltIn.Count} built-in rules were read");
        Assert.Empty(missing);
    }

    [Fact]
    public void BuiltInRules_Ids_AreUnique()
    {
        var duplicates = RuleFileReader.BuiltIn.GroupBy(r => r.Rule.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void BuiltInRule_PositiveExamples_AreClassifiedByThatRule(string id)
    {
        var rule = RuleFileReader.BuiltIn.Single(r => r.Rule.Id == id);

        foreach (var example in rule.Examples.Where(e => e.MustMatch))
        {
            var verdict = Classify(BounceClassifier.Default, example);
            Assert.True(id == verdict.RuleId, $"'{example.Reply}' was classified by {verdict.RuleId} ({verdict.Reason}), not {id}");
            Assert.Equal(rule.Rule.Reason, verdict.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void BuiltInRule_NegativeExamples_AreNotMatchedByThatRuleAlone(string id)
    {
        var rule = RuleFileReader.BuiltIn.Single(r => r.Rule.Id == id);
        var options = new BounceClassifierOptions { UseBuiltInRules = false, Rules = [rule.Rule] };
        var alone = new BounceClassifier(options);

        foreach (var example in rule.Examples.Where(e => !e.MustMatch))
        {
            var verdict = Classify(alone, example);
            Assert.True(verdict.Reason == BounceReason.Undetermined, $"'{example.Reply}' matched {id}");
        }
    }

    private static BounceClassification Classify(BounceClassifier classifier, RuleExample example) =>
        classifier.Classify(example.Status, example.Reply, example.RemoteMta, example.Email, example.BounceCategory);
}
