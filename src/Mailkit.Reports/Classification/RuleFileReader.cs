using System.Globalization;

namespace Mailkit.Reports.Classification;

/// <summary>
/// Reads the line-oriented rule files shipped in the assembly (<c>Classification/Rules/*.rules</c>); the format is
/// described at the top of <c>en.rules</c> and in the classification article of the documentation site.
/// </summary>
internal static class RuleFileReader
{
    /// <summary>The files in the order their rules rank within each evidence level.</summary>
    internal static readonly string[] Files = ["providers", "en", "cs", "sk", "de", "pl", "fr", "status", "reply-code", "mailkit"];

    private static readonly Lazy<IReadOnlyList<BuiltInRule>> Cache = new(ReadAll);

    /// <summary>Gets every built-in rule, read once.</summary>
    public static IReadOnlyList<BuiltInRule> BuiltIn => Cache.Value;

    private static List<BuiltInRule> ReadAll()
    {
        var groups = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var rules = new List<BuiltInRule>();
        var assembly = typeof(RuleFileReader).Assembly;
        foreach (var file in Files)
        {
            var name = $"Mailkit.Reports.Classification.Rules.{file}.rules";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The rule file {name} is missing from the assembly.");
            using var reader = new StreamReader(stream);
            Read(file, reader, groups, rules);
        }

        return rules;
    }

    /// <summary>Reads one file, appending its rules; host groups declared in earlier files stay in scope.</summary>
    internal static void Read(string file, TextReader reader, Dictionary<string, string[]> groups, List<BuiltInRule> rules)
    {
        Draft? draft = null;
        foreach (var (number, keyword, value) in RuleDirective.ReadAll(reader))
        {
            switch (keyword)
            {
                case "group":
                    var parts = Words(value);
                    if (parts.Length < 2)
                    {
                        throw Error(file, number, "a group needs a name and at least one host suffix");
                    }

                    groups[parts[0]] = parts[1..];
                    break;
                case "rule":
                    Finish(draft, rules);
                    var head = Words(value);
                    if (head.Length != 2 || !BounceReasons.TryParse(head[1], out var reason))
                    {
                        throw Error(file, number, "expected 'rule <id> <reason>'");
                    }

                    draft = new Draft(head[0], reason, file, number);
                    break;
                default:
                    if (draft is null)
                    {
                        throw Error(file, number, $"'{keyword}' outside a rule");
                    }

                    Apply(draft, keyword, value, groups, file, number);
                    break;
            }
        }

        Finish(draft, rules);
    }

    private static void Apply(Draft draft, string keyword, string value, Dictionary<string, string[]> groups, string file, int number)
    {
        switch (keyword)
        {
            case "phrase":
                draft.Phrases.Add(value);

                // SMTP replies are ASCII: German servers write "Empfaenger", "ueberschritten", "Groesse".
                if (file == "de" && FoldedText.AsciiUmlauts(value) is { } ascii)
                {
                    draft.Phrases.Add(ascii);
                }

                break;
            case "context":
                draft.Context.Add(value);
                break;
            case "status":
                draft.Status = value;
                break;
            case "code":
                draft.Code = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "category":
                draft.Category = value;
                break;
            case "weak":
                draft.Weak = true;
                break;
            case "hosts":
                foreach (var host in Words(value))
                {
                    if (host.StartsWith('@'))
                    {
                        draft.Hosts.AddRange(groups.TryGetValue(host[1..], out var members)
                            ? members
                            : throw Error(file, number, $"unknown host group {host}"));
                    }
                    else
                    {
                        draft.Hosts.Add(host);
                    }
                }

                break;
            case "+":
            case "-":
                draft.Examples.Add(Example(keyword == "+", value, file, number));
                break;
            default:
                throw Error(file, number, $"unknown keyword '{keyword}'");
        }
    }

    internal static RuleExample Example(bool mustMatch, string value, string file, int number)
    {
        var fields = value.Split(" | ");
        string? status = null, mta = null, email = null, category = null;
        foreach (var field in fields.AsSpan(1))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            var (key, text) = eq < 0 ? (field, string.Empty) : (field[..eq], field[(eq + 1)..]);
            switch (key)
            {
                case "status": status = text; break;
                case "mta": mta = text; break;
                case "email": email = text; break;
                case "cat": category = text; break;
                default: throw Error(file, number, $"unknown example field '{key}'");
            }
        }

        return new RuleExample(mustMatch, fields[0], status, mta, email, category);
    }

    private static void Finish(Draft? draft, List<BuiltInRule> rules)
    {
        if (draft is null)
        {
            return;
        }

        var rule = new BounceRule(draft.Id, draft.Reason)
        {
            Phrases = [.. draft.Phrases],
            ContextPhrases = [.. draft.Context],
            EnhancedStatus = draft.Status,
            ReplyCode = draft.Code,
            HostSuffixes = [.. draft.Hosts],
            BounceCategory = draft.Category,
        };
        rules.Add(new BuiltInRule(rule, [.. draft.Examples], draft.File, draft.Line, draft.Weak));
    }

    private static string[] Words(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static FormatException Error(string file, int line, string message) =>
        new($"{file}.rules line {line}: {message}.");

    private sealed class Draft(string id, BounceReason reason, string file, int line)
    {
        public string Id { get; } = id;

        public BounceReason Reason { get; } = reason;

        public string File { get; } = file;

        public int Line { get; } = line;

        public List<string> Phrases { get; } = [];

        public List<string> Context { get; } = [];

        public List<string> Hosts { get; } = [];

        public List<RuleExample> Examples { get; } = [];

        public string? Status { get; set; }

        public int? Code { get; set; }

        public string? Category { get; set; }

        public bool Weak { get; set; }
    }
}
