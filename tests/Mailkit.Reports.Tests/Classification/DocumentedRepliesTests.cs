using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Scoring;
using Xunit.Abstractions;

namespace Mailkit.Reports.Tests.Classification;

/// <summary>
/// Scores the classifier on server replies as their providers, MTAs and the IANA registry document them
/// (<c>documented-replies.jsonl</c>, described in <c>documented-replies.md</c>): a measure of how much of what servers
/// actually say the rules cover, on rows nobody tuned a rule to one by one.
/// </summary>
public sealed class DocumentedRepliesTests(ITestOutputHelper output)
{
    private const double DocumentedAccuracyFloor = 0.70;

    private static readonly string SetPath = Path.Combine(AppContext.BaseDirectory, "Classification", "documented-replies.jsonl");

    [Fact]
    public void Classify_DocumentedReplies_MeetsTheFloor()
    {
        var score = new ClassificationScore();
        var falseHard = 0;
        foreach (var row in Rows())
        {
            var verdict = BounceClassifier.Default.Classify(row.Status, row.Text, row.RemoteMta, row.Email, null, row.RecipientStatus);
            score.Add(row.Reason, row.Hard, BounceReasons.ToSisimaiName(verdict.Reason), verdict.IsHardBounce);
            falseHard += verdict.IsHardBounce && !row.Hard ? 1 : 0;
        }

        output.WriteLine(score.Report());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"false hard verdicts: {falseHard}"));

        // The floor sits a few points under the score measured when the set was added, so that a regression fails and
        // a reworded rule does not. Rows are documentation, not traffic: the figure measures coverage, not quality.
        Assert.True(score.Accuracy >= DocumentedAccuracyFloor, $"accuracy {score.Accuracy:F3}\n{score.Report()}");
        Assert.True(score.HardPrecision >= 0.90, $"hard precision {score.HardPrecision:F3}\n{score.Report()}");
        Assert.True(score.HardRecall >= 0.85, $"hard recall {score.HardRecall:F3}\n{score.Report()}");
    }

    [Fact]
    public void DocumentedReplies_EveryRowNamesItsSourceAndAConsistentVerdict()
    {
        var rows = Rows().ToList();

        Assert.True(rows.Count >= 250, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var row in rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Source), row.Id);
            var temporary = row.RecipientStatus == "temporary";
            Assert.True(!temporary || !row.Hard, $"{row.Id}: a temporary failure is never hard");
        }
    }

    [Fact]
    public void DocumentedReplies_CoverEveryProviderARuleNames()
    {
        var rules = Path.Combine(AppContext.BaseDirectory, "Classification", "providers.rules");
        var domains = Rows().SelectMany(r => new[] { Domain(r.Email), Host(r.RemoteMta) }).Where(d => d.Length > 0).ToList();
        var lines = File.ReadLines(rules).ToList();
        var used = lines
            .Where(l => l.TrimStart().StartsWith("hosts ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            .Where(h => h.StartsWith('@'))
            .Select(h => h[1..])
            .ToHashSet(StringComparer.Ordinal);
        var groups = lines
            .Where(l => l.StartsWith("group ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(g => used.Contains(g[1]))
            .ToList();

        Assert.NotEmpty(groups);
        var uncovered = groups
            .Where(g => !g.Skip(2).Any(suffix => domains.Any(d => d == suffix || d.EndsWith("." + suffix, StringComparison.Ordinal))))
            .Select(g => g[1])
            .ToList();
        Assert.True(uncovered.Count == 0, "provider groups with no documented reply: " + string.Join(", ", uncovered));

        static string Domain(string? email) => email is null || !email.Contains('@', StringComparison.Ordinal) ? string.Empty : email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant();

        static string Host(string? mta) => mta is null ? string.Empty : mta.Split(';')[^1].Trim().Split(' ')[0].ToLowerInvariant();
    }

    private static IEnumerable<Row> Rows()
    {
        foreach (var line in File.ReadLines(SetPath).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            yield return new Row(
                Text("id")!, Text("EMAIL"), Text("STATUS"), Text("TEXT_STATUS"), Text("REMOTE_MTA"), Text("RECIPIENT_STATUS"), Text("reason")!,
                root.GetProperty("hard").GetBoolean(), Text("source"));

            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
    }

    private sealed record Row(
        string Id, string? Email, string? Status, string? Text, string? RemoteMta, string? RecipientStatus, string Reason, bool Hard, string? Source);
}
