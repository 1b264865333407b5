using System.CommandLine;
using System.Text.Json;
using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>--examples FILE.jsonl</c>: labelled bounces, one JSON object per line in the shape of the labelled data set
/// (<c>STATUS</c>, <c>TEXT_STATUS</c>, <c>REMOTE_MTA</c>, <c>reason</c> as sisimai names it, optional <c>hard</c> and
/// <c>id</c>; other keys are ignored), that teach the classifier the replies its rules leave undetermined.
/// </summary>
internal static class ExampleFile
{
    /// <summary>The option, as <c>classify</c>, <c>export</c> and <c>suppressions</c> take it.</summary>
    public static Option<string?> CreateOption() => new("--examples")
    {
        Description = "Labelled bounces (JSONL: TEXT_STATUS, reason as sisimai names it, optional STATUS, REMOTE_MTA, hard, id) "
            + "that decide what no rule decides: such a bounce takes the reason of the most similar examples.",
        HelpName = "FILE.jsonl",
    };

    /// <summary>Reads the file and builds a classifier taught with it; <see cref="BounceClassifier.Default"/> without a file.</summary>
    /// <returns>The classifier, or a one-line problem that names the file, the line and what is wrong.</returns>
    public static async Task<(BounceClassifier? Classifier, string? Problem)> LoadAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return (BounceClassifier.Default, null);
        }

        var name = $"--examples {SafeText.Path(path)}";
        if (!File.Exists(path))
        {
            return (null, $"{name} does not exist.");
        }

        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{name} cannot be read: {ex.GetType().Name}.");
        }

        var examples = new List<BounceExample>();
        var lineNumbers = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var (example, problem) = Parse(lines[i]);
            if (problem is not null)
            {
                return (null, $"{name} line {i + 1}: {problem}.");
            }

            examples.Add(example!);
            lineNumbers.Add(i + 1);
        }

        if (examples.Count == 0)
        {
            return (null, $"{name} holds no example.");
        }

        try
        {
            return (new BounceClassifier(new BounceClassifierOptions { Examples = examples }), null);
        }
        catch (ArgumentException all)
        {
            // The SDK names the example by its index; find it alone, to name its line and the problem in the SDK's words.
            for (var i = 0; i < examples.Count; i++)
            {
                try
                {
                    _ = new BounceClassifier(new BounceClassifierOptions { UseBuiltInRules = false, Examples = [examples[i]] });
                }
                catch (ArgumentException ex)
                {
                    return (null, $"{name} line {lineNumbers[i]}: {ProblemOf(ex)}");
                }
            }

            // A problem of the whole list, not of one example: too many of them.
            return (null, $"{name}: {ProblemOf(all)}");
        }
    }

    private static (BounceExample? Example, string? Problem) Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return (null, "is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "is not a JSON object");
            }

            if (!TryText(root, "TEXT_STATUS", out var reply) || string.IsNullOrWhiteSpace(reply))
            {
                return (null, "TEXT_STATUS, the server's reply, is missing or empty");
            }

            if (!TryText(root, "reason", out var reasonName) || reasonName is null)
            {
                return (null, "reason is missing");
            }

            if (!BounceReasons.TryParse(reasonName, out var reason))
            {
                return (null, $"reason {SafeText.Quote(reasonName)} is not a reason sisimai names");
            }

            if (!TryText(root, "STATUS", out var status) || !TryText(root, "REMOTE_MTA", out var remoteMta) || !TryText(root, "id", out var id))
            {
                return (null, "STATUS, REMOTE_MTA and id must be strings when given");
            }

            if (root.TryGetProperty("hard", out var hard) && hard.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                return (null, "hard must be true or false when given (the verdict's hardness follows its reason, as for the rules)");
            }

            return (new BounceExample(reply, reason)
            {
                Status = string.IsNullOrWhiteSpace(status) ? null : status,
                RemoteMta = string.IsNullOrWhiteSpace(remoteMta) ? null : remoteMta,
                Id = string.IsNullOrWhiteSpace(id) ? null : id,
            }, null);
        }
    }

    /// <summary>Reads an optional string member: absent or null is <see langword="null"/>; any other kind is refused.</summary>
    private static bool TryText(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    /// <summary>The SDK's problem without its "example at index 0 is invalid" preamble and the parameter name the runtime appends.</summary>
    private static string ProblemOf(ArgumentException ex)
    {
        var message = ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
        const string Marker = " is invalid: ";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        return at >= 0 ? message[(at + Marker.Length)..] : message;
    }
}
