using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Scoring;
using Xunit.Abstractions;

namespace Mailkit.Reports.Tests.Classification;

/// <summary>
/// Scores the nearest-example fallback on the labelled development set the only honest way: each source's rows are
/// classified by a classifier taught the other sources' rows alone, so no row is ever compared with itself or with a
/// sibling from the same bounce e-mail or mailer.
/// </summary>
public sealed class ExampleCrossValidationTests(ITestOutputHelper output)
{
    private static readonly List<DevRow> Rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "bounce-reasons", "dev.jsonl"))
        .Where(l => l.Length > 0)
        .Select(DevRow.Parse)
        .ToList();

    [Fact]
    public void Classify_HeldOutSources_FallbackDoesNotLowerAccuracy()
    {
        var rulesOnly = new BounceClassifier(new BounceClassifierOptions());
        var withExamples = new ClassificationScore();
        var withoutExamples = new ClassificationScore();
        var fallbackScore = new ClassificationScore();
        var undeterminedByRules = 0;
        foreach (var group in Rows.GroupBy(r => r.Source))
        {
            var taught = new BounceClassifier(new BounceClassifierOptions { Examples = ExamplesOutside(group.Key) });
            foreach (var row in group)
            {
                var rules = row.ClassifyWith(rulesOnly);
                var verdict = row.ClassifyWith(taught);
                withoutExamples.Add(row.Reason, row.Hard, BounceReasons.ToSisimaiName(rules.Reason), rules.IsHardBounce);
                withExamples.Add(row.Reason, row.Hard, BounceReasons.ToSisimaiName(verdict.Reason), verdict.IsHardBounce);
                if (rules.Reason != BounceReason.Undetermined)
                {
                    // A record a rule decides never reaches the examples.
                    Assert.Equal((rules.Reason, rules.RuleId, 1.0), (verdict.Reason, verdict.RuleId, verdict.Confidence));
                    continue;
                }

                undeterminedByRules++;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row.Id}: gold {row.Reason}, examples say {BounceReasons.ToSisimaiName(verdict.Reason)} ({verdict.Confidence:F2} {verdict.RuleId}) | {row.Reply}"));
                if (verdict.EvidenceKind == BounceEvidenceKind.NearestExamples)
                {
                    fallbackScore.Add(row.Reason, row.Hard, BounceReasons.ToSisimaiName(verdict.Reason), verdict.IsHardBounce);
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"rows {Rows.Count}, sources {Rows.Select(r => r.Source).Distinct().Count()}, undetermined by the rules {undeterminedByRules}, decided by the examples {fallbackScore.Rows}, of them right {fallbackScore.Accuracy:F3}"));
        output.WriteLine(string.Create(c, $"rules only:            accuracy {withoutExamples.Accuracy:F3}, macro-F1 {withoutExamples.MacroF1:F3}, hard precision {withoutExamples.HardPrecision:F3}, hard recall {withoutExamples.HardRecall:F3}"));
        output.WriteLine(string.Create(c, $"rules + examples (CV): accuracy {withExamples.Accuracy:F3}, macro-F1 {withExamples.MacroF1:F3}, hard precision {withExamples.HardPrecision:F3}, hard recall {withExamples.HardRecall:F3}"));

        // The examples speak only where the rules said nothing, so they can only turn a wrong "undetermined" into a right
        // or a wrong reason: with them, accuracy must be at least the rules' own on the same rows.
        Assert.Equal(Rows.Count, withExamples.Rows);
        Assert.True(undeterminedByRules > 0, "the rules decide every row, so the fallback is not exercised");
        Assert.True(withExamples.Accuracy >= withoutExamples.Accuracy, $"{withExamples.Accuracy:F3} < {withoutExamples.Accuracy:F3}");
    }

    [Fact]
    public void Classify_HeldOutSourcesWithoutRules_ExamplesAloneAreMostlyRight()
    {
        var decided = new ClassificationScore();
        var all = new ClassificationScore();
        foreach (var group in Rows.GroupBy(r => r.Source))
        {
            var alone = new BounceClassifier(new BounceClassifierOptions { UseBuiltInRules = false, Examples = ExamplesOutside(group.Key) });
            foreach (var row in group)
            {
                var verdict = row.ClassifyWith(alone);
                var reason = BounceReasons.ToSisimaiName(verdict.Reason);
                all.Add(row.Reason, row.Hard, reason, verdict.IsHardBounce);
                if (verdict.Reason != BounceReason.Undetermined)
                {
                    Assert.Equal(BounceEvidenceKind.NearestExamples, verdict.EvidenceKind);
                    Assert.InRange(verdict.Confidence, ExampleIndex.Threshold / ExampleIndex.Neighbours, 1.0);
                    decided.Add(row.Reason, row.Hard, reason, verdict.IsHardBounce);
                }
            }
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"examples alone (CV): decided {decided.Rows} of {all.Rows} rows, of them right {decided.Accuracy:F3} (macro-F1 {decided.MacroF1:F3}, hard precision {decided.HardPrecision:F3}, hard recall {decided.HardRecall:F3}); accuracy over all rows {all.Accuracy:F3}"));
        output.WriteLine(decided.Report());

        // A regression floor under the measured figures (about 0.78 of about 90 decided rows): a change to the features
        // or the threshold that makes the examples' verdicts wrong more often than one time in four fails here. The
        // most frequent reason alone would be right on about a quarter of the rows.
        Assert.True(decided.Rows >= Rows.Count / 4, $"decided only {decided.Rows} rows");
        Assert.True(decided.Accuracy >= 0.75, $"accuracy of the decided rows {decided.Accuracy:F3}\n{decided.Report()}");
    }

    private static List<BounceExample> ExamplesOutside(string source) =>
        Rows.Where(r => r.Source != source && r.CanTeach).Select(r => r.ToExample()).ToList();

    /// <summary>One labelled row of <c>dev.jsonl</c>; <c>source</c> only groups rows, the classifier never reads it.</summary>
    private sealed record DevRow(
        string Id, string Source, string? Status, string? Reply, string? RemoteMta, string? Email, string? RecipientStatus, string Reason, bool Hard)
    {
        public static DevRow Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new DevRow(
                Text("id")!, Text("source")!, Text("STATUS"), Text("TEXT_STATUS"), Text("REMOTE_MTA"), Text("EMAIL"),
                Text("RECIPIENT_STATUS"), Text("reason")!, root.GetProperty("hard").GetBoolean());

            string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        }

        /// <summary>Gets a value indicating whether the reply has a word to compare; "smtp; 421" has none.</summary>
        public bool CanTeach => ExampleFeatures.Extract(null, Reply, null, new uint[ExampleFeatures.MaxFeatures], out var grams) >= 0 && grams > 0;

        public BounceExample ToExample()
        {
            Assert.True(BounceReasons.TryParse(Reason, out var reason), Reason);
            return new BounceExample(Reply ?? string.Empty, reason)
            {
                Status = string.IsNullOrEmpty(Status) ? null : Status,
                RemoteMta = RemoteMta,
                Id = Id,
            };
        }

        public BounceClassification ClassifyWith(BounceClassifier classifier) =>
            classifier.Classify(Status, Reply, RemoteMta, Email, bounceCategory: null, RecipientStatus);
    }
}
