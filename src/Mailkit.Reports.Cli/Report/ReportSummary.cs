using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// The machine-readable part of a report, embedded in it as <c>&lt;script type="application/json"
/// id="mailkit-report-summary"&gt;</c>: when it was made and the suppression counts. The next report written to the same
/// path reads it back to say how the list changed. It holds counts only, never an address.
/// </summary>
internal sealed partial record ReportSummary(DateTimeOffset GeneratedAt, long Suppressions, IReadOnlyDictionary<string, long> SuppressionsByReason)
{
    /// <summary>The element's ID.</summary>
    public const string ElementId = "mailkit-report-summary";

    /// <summary>The version of the summary's shape.</summary>
    public const int Version = 1;

    public static ReportSummary Of(ReportData data) =>
        new(data.GeneratedAt, data.Suppressions.Total, data.Suppressions.ByReason.ToDictionary(r => r.Reason, r => r.Count, StringComparer.Ordinal));

    /// <summary>The summary as JSON that is safe inside a script element (no <c>&lt;</c>, <c>&gt;</c> or <c>&amp;</c>).</summary>
    public string ToJson()
    {
        var reasons = new JsonObject();
        foreach (var (reason, count) in SuppressionsByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            reasons[reason] = count;
        }

        var root = new JsonObject
        {
            ["version"] = Version,
            ["generatedAt"] = GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["suppressions"] = new JsonObject { ["total"] = Suppressions, ["byReason"] = reasons },
        };

        // The default encoder escapes <, > and &, so the text cannot close the script element.
        return root.ToJsonString();
    }

    /// <summary>Reads the summary of a report written earlier, or <see langword="null"/> when the file has none this version reads.</summary>
    public static async Task<ReportSummary?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var html = await File.ReadAllTextAsync(path, cancellationToken);
        var match = Element().Match(html);
        if (!match.Success)
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(match.Groups["json"].Value);
            if (root?["version"]?.GetValue<int>() != Version
                || !DateTimeOffset.TryParse(root["generatedAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var generated)
                || root["suppressions"] is not JsonObject suppressions)
            {
                return null;
            }

            var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (reason, count) in suppressions["byReason"]?.AsObject() ?? [])
            {
                byReason[reason] = count?.GetValue<long>() ?? 0;
            }

            return new ReportSummary(generated, suppressions["total"]?.GetValue<long>() ?? 0, byReason);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"" + ElementId + "\">(?<json>[^<]*)</script>", RegexOptions.CultureInvariant)]
    private static partial Regex Element();
}
