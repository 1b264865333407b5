using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Scoring;

namespace Mailkit.Reports.Tests.Classification;

public sealed class DataSetTests
{
    [Fact]
    public void Classify_DevelopmentSet_MeetsTheTargets()
    {
        var score = Score(File.ReadLines(DevelopmentSetPath()));

        Assert.Equal(239, score.Rows);

        // The rules were once fitted to rows of this set (0.82 accuracy here, 0.64 on held-out data). Removing the
        // phrases lifted from single rows, the sender-side texts and the label-only mappings lowers the score on this
        // set; that is expected and correct, and the floors follow it. Never raise them by adding a phrase a row has.
        Assert.True(score.Accuracy >= 0.72, $"accuracy {score.Accuracy:F3}\n{score.Report()}");
        Assert.True(score.MacroF1 >= 0.65, $"macro-F1 {score.MacroF1:F3}\n{score.Report()}");
        Assert.True(score.HardRecall >= 0.93, $"hard recall {score.HardRecall:F3}\n{score.Report()}");

        // The labels call "user unknown" said before DATA filtered in some sources; the record cannot tell those apart,
        // so hard precision stays below the 0.85 the held-out set aims for. This floor catches a regression.
        Assert.True(score.HardPrecision >= 0.75, $"hard precision {score.HardPrecision:F3}\n{score.Report()}");
    }

    [Fact]
    public void Classify_CentralEuropeanReplies_AreAlmostAllRight()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Classification", "central-europe.jsonl");

        var score = Score(File.ReadLines(path));

        Assert.True(score.Rows >= 60, $"{score.Rows} rows");
        Assert.True(score.Accuracy >= 0.95, score.Report());
        Assert.Equal(1.0, score.HardPrecision);
        Assert.Equal(1.0, score.HardRecall);
    }

    private static ClassificationScore Score(IEnumerable<string> lines)
    {
        var score = new ClassificationScore();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var row = System.Text.Json.JsonDocument.Parse(line);
            var root = row.RootElement;
            var verdict = BounceClassifier.Default.Classify(
                Text("STATUS"), Text("TEXT_STATUS"), Text("REMOTE_MTA"), Text("EMAIL"), Text("BOUNCE_CAT"), Text("RECIPIENT_STATUS"));
            score.Add(Text("reason")!, root.GetProperty("hard").GetBoolean(), BounceReasons.ToSisimaiName(verdict.Reason), verdict.IsHardBounce);

            string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        }

        return score;
    }

    /// <summary>The labelled development set, copied from the repository's data/bounce-reasons into the test output.</summary>
    private static string DevelopmentSetPath() => Path.Combine(AppContext.BaseDirectory, "Data", "bounce-reasons", "dev.jsonl");
}
