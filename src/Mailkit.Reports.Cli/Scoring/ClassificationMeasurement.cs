using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Scoring;

/// <summary>
/// <c>measure classification --gold PATH [--predictions OUT.jsonl]</c>: classifies each labelled row (EMAIL, STATUS,
/// TEXT_STATUS, REMOTE_MTA, RECIPIENT_STATUS, BOUNCE_CAT) and prints the scores against its gold reason and hardness.
/// </summary>
internal static class ClassificationMeasurement
{
    public static int Run(string[] args)
    {
        var gold = Option(args, "--gold");
        if (gold is null)
        {
            Console.Error.WriteLine("usage: measure classification --gold PATH [--predictions OUT.jsonl]");
            return 2;
        }

        var output = Option(args, "--predictions");
        using var predictions = output is null ? null : new StreamWriter(output);
        var score = Score(File.ReadLines(gold), BounceClassifier.Default, predictions);
        Console.Write(score.Report());
        return 0;
    }

    /// <summary>Classifies every JSONL row and scores it; writes <c>{"id","reason","hard"}</c> lines when asked.</summary>
    public static ClassificationScore Score(IEnumerable<string> lines, BounceClassifier classifier, TextWriter? predictions = null)
    {
        var score = new ClassificationScore();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;
            var verdict = classifier.Classify(
                Text(root, "STATUS"), Text(root, "TEXT_STATUS"), Text(root, "REMOTE_MTA"), Text(root, "EMAIL"),
                Text(root, BounceFieldNames.BounceCategory), Text(root, "RECIPIENT_STATUS"));
            var reason = BounceReasons.ToSisimaiName(verdict.Reason);
            score.Add(Text(root, "reason") ?? string.Empty, root.TryGetProperty("hard", out var hard) && hard.ValueKind == JsonValueKind.True, reason, verdict.IsHardBounce);
            if (predictions is not null)
            {
                predictions.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = root.TryGetProperty("id", out var id) ? id.Clone() : null,
                    ["reason"] = reason,
                    ["hard"] = verdict.IsHardBounce,
                }));
            }
        }

        return score;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
