using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>suppressions</c>: the addresses to stop mailing. Every address with a hard bounce (advice <c>suppress</c>), and
/// every address whose own soft bounces (advice <c>suppressifrepeated</c>) came from at least <c>--repeats</c> distinct
/// sends; never one for a reason on the sender's side (<c>fixsending</c>) or one to retry. Addresses are compared and
/// listed by their <see cref="EmailAddressKey"/> (ASCII letters in lower case), in ordinal order.
/// </summary>
internal static class SuppressionList
{
    public static readonly string[] Formats = ["text", "csv", "ndjson"];

    public static async Task<int> RunAsync(
        string input,
        ExportFormat format,
        BounceClassifier classifier,
        bool taught,
        int repeats,
        string outputFormat,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (repeats < 1)
        {
            return await Exporter.Fail(error, ExitCodes.Usage, "--repeats must be 1 or more (see --help).");
        }

        var (rows, exit) = await StatsReport.ReadAsync("suppressions", input, format, classifier, taught, error, cancellationToken);
        if (rows is null)
        {
            return exit;
        }

        var list = Build(rows, repeats);
        await output.WriteAsync(Render(list, outputFormat));
        return ExitCodes.Done;
    }

    /// <summary>The addresses to suppress, in ordinal order of the normalised address.</summary>
    internal static List<Suppression> Build(IEnumerable<StoredBounce> rows, int repeats)
    {
        var list = new List<Suppression>();
        foreach (var address in rows.Where(r => r.Email.Length > 0).GroupBy(r => EmailAddressKey.From(r.Email), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hard = address.Where(r => r.Verdict.Advice == "suppress").ToList();
            if (hard.Count > 0)
            {
                list.Add(new Suppression(address.Key, MostCommon(hard), hard.Count, "suppress"));
                continue;
            }

            var soft = address.Where(r => r.Verdict.Advice == "suppressifrepeated").ToList();
            var sends = soft.Select(r => r.SendId.Length > 0 ? r.SendId : null).Where(s => s is not null).Distinct(StringComparer.Ordinal).Count();
            if (sends >= repeats)
            {
                list.Add(new Suppression(address.Key, MostCommon(soft), soft.Count, "suppressifrepeated"));
            }
        }

        return list;
    }

    /// <summary>
    /// The list as text, CSV or NDJSON. The reason may come from an export made elsewhere, so it is printed as
    /// <see cref="SafeText.Line"/> makes it, and in CSV as a cell <see cref="CsvTarget"/> would write.
    /// </summary>
    internal static string Render(List<Suppression> list, string format)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        switch (format)
        {
            case "csv":
                text.Append("email,reason,bounces,advice\r\n");
                foreach (var s in list)
                {
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(s.Email));
                    text.Append(',');
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(SafeText.Line(s.Reason)));
                    text.Append(c, $",{s.Bounces},");
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(SafeText.Line(s.Advice)));
                    text.Append("\r\n");
                }

                break;
            case "ndjson":
                foreach (var s in list)
                {
                    var row = new Dictionary<string, object> { ["email"] = s.Email, ["reason"] = s.Reason, ["bounces"] = s.Bounces, ["advice"] = s.Advice };
                    text.Append(JsonSerializer.Serialize(row)).Append('\n');
                }

                break;
            default:
                var width = list.Count == 0 ? 5 : Math.Max(5, list.Max(s => SafeText.Line(s.Email).Length));
                text.Append(c, $"{"email".PadRight(width)}  {"reason",-18} {"bounces",7}  advice\n");
                foreach (var s in list)
                {
                    text.Append(c, $"{SafeText.Line(s.Email).PadRight(width)}  {SafeText.Line(s.Reason),-18} {s.Bounces,7}  {SafeText.Line(s.Advice)}\n");
                }

                text.Append(c, $"{Counts.Of(list.Count, "address", "addresses")} to suppress\n");
                break;
        }

        return text.ToString();
    }

    private static string MostCommon(List<StoredBounce> rows) =>
        rows.GroupBy(r => r.Verdict.Reason, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
}
