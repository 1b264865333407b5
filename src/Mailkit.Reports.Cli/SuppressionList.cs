using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>suppressions</c>: the addresses to stop mailing, as the SDK's <see cref="SuppressionPolicy"/> decides with
/// <c>--repeats</c> distinct sends. Addresses are compared and listed by their <see cref="EmailAddressKey"/> (ASCII
/// letters in lower case), in ordinal order. The export is read a row at a time into a <see cref="SuppressionTally"/>.
/// </summary>
internal static class SuppressionList
{
    /// <summary>The names <c>--format</c> accepts, one for each <see cref="SuppressionFormat"/>.</summary>
    public static readonly string[] Formats = [.. Enum.GetValues<SuppressionFormat>().Select(f => f.ToString().ToLowerInvariant())];

    public static async Task<int> RunAsync(
        string input,
        ExportFormat format,
        BounceClassifier classifier,
        bool taught,
        int repeats,
        SuppressionFormat outputFormat,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (repeats < 1)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, "--repeats must be 1 or more (see --help).");
        }

        var tally = new SuppressionTally(new SuppressionPolicy(repeats));
        if (await StoredBounces.FoldAsync("suppressions", input, format, classifier, taught, tally.Add, error, cancellationToken) is { } exit)
        {
            return exit;
        }

        List<Suppression> list;
        try
        {
            list = WithUnsubscribed(tally.Build(), await StoredUnsubscribes.ReadAsync(input, format, cancellationToken));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or JsonException)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Failed, $"reading {TargetResolver.Describe(input, format)} failed: {TargetFailures.Reason(ex, input)}");
        }

        await output.WriteAsync(Render(list, outputFormat));
        return ExitCodes.Done;
    }

    /// <summary>The addresses to suppress, in ordinal order of the normalised address.</summary>
    internal static List<Suppression> Build(IEnumerable<StoredBounce> rows, int repeats)
    {
        var tally = new SuppressionTally(new SuppressionPolicy(repeats));
        foreach (var row in rows)
        {
            tally.Add(row);
        }

        return tally.Build();
    }

    /// <summary>
    /// The list with every unsubscribed address it does not hold yet, as <c>unsubscribed</c> with the advice
    /// <c>suppress</c>; an address the bounces already suppress keeps their reason. In ordinal order of the normalised address.
    /// </summary>
    internal static List<Suppression> WithUnsubscribed(List<Suppression> list, IEnumerable<string> unsubscribed)
    {
        var held = new HashSet<string>(list.Select(s => s.Email), StringComparer.Ordinal);
        foreach (var email in StoredUnsubscribes.AddressKeys(unsubscribed))
        {
            if (held.Add(email))
            {
                list.Add(new Suppression(email, StoredUnsubscribes.Reason, 0, BounceAdvice.Suppress));
            }
        }

        list.Sort((x, y) => string.CompareOrdinal(x.Email, y.Email));
        return list;
    }

    /// <summary>
    /// The list as text, CSV or NDJSON. The reason may come from an export made elsewhere, so it is printed as
    /// <see cref="SafeText.Line"/> makes it, and in CSV as a cell <see cref="CsvTarget"/> would write.
    /// </summary>
    internal static string Render(List<Suppression> list, SuppressionFormat format)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        switch (format)
        {
            case SuppressionFormat.Csv:
                text.Append("email,reason,bounces,advice\r\n");
                foreach (var s in list)
                {
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(s.Email));
                    text.Append(',');
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(SafeText.Line(s.Reason)));
                    text.Append(c, $",{s.Bounces},");
                    CsvTarget.AppendField(text, CsvTarget.Neutralise(Verdict.AdviceName(s.Advice)));
                    text.Append("\r\n");
                }

                break;
            case SuppressionFormat.Ndjson:
                foreach (var s in list)
                {
                    var row = new Dictionary<string, object> { ["email"] = s.Email, ["reason"] = s.Reason, ["bounces"] = s.Bounces, ["advice"] = Verdict.AdviceName(s.Advice) };
                    text.Append(JsonSerializer.Serialize(row)).Append('\n');
                }

                break;
            default:
                var width = list.Count == 0 ? 5 : Math.Max(5, list.Max(s => SafeText.Line(s.Email).Length));
                text.Append(c, $"{"email".PadRight(width)}  {"reason",-18} {"bounces",7}  advice\n");
                foreach (var s in list)
                {
                    text.Append(c, $"{SafeText.Line(s.Email).PadRight(width)}  {SafeText.Line(s.Reason),-18} {s.Bounces,7}  {Verdict.AdviceName(s.Advice)}\n");
                }

                text.Append(c, $"{Counts.Of(list.Count, "address", "addresses")} to suppress\n");
                break;
        }

        return text.ToString();
    }
}
