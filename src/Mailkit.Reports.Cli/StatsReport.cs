using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Spectre.Console;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>stats</c>: what a person wants to see after an export, as aligned tables and bar charts, led by the classifier's
/// reasons; or the same figures as CSV or JSON for a pipe (<c>--format</c>).
/// </summary>
internal static class StatsReport
{
    /// <summary>The names <c>--format</c> accepts, one for each <see cref="Format"/>.</summary>
    public static readonly string[] Formats = [.. Enum.GetValues<Format>().Select(f => f.ToString().ToLowerInvariant())];

    /// <summary>How <c>stats</c> writes its figures.</summary>
    public enum Format
    {
        /// <summary>Aligned tables and bar charts, for a person.</summary>
        Text,

        /// <summary>One row per figure: <c>table,key,bounce,count,share</c>.</summary>
        Csv,

        /// <summary>One JSON object holding every table.</summary>
        Json,
    }

    public static async Task<int> RunAsync(
        string input, ExportFormat format, TextWriter output, TextWriter error, CancellationToken cancellationToken, Format outputFormat = Format.Text)
    {
        var tally = new StatsTally();
        if (await StoredBounces.FoldAsync("stats", input, format, BounceClassifier.Default, taught: false, tally.Add, error, cancellationToken) is { } exit)
        {
            return exit;
        }

        switch (outputFormat)
        {
            case Format.Csv:
                await output.WriteAsync(Csv(tally));
                break;
            case Format.Json:
                await output.WriteLineAsync(Json(tally));
                break;
            default:
                Render(tally, output);
                break;
        }

        return ExitCodes.Done;
    }

    private static void Render(StatsTally tally, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        console.Write(ReasonTable(tally));
        console.Write(Bars("Bounces by reason", Reasons(tally).Take(10).Select(r => ($"{r.Reason} ({(r.HardBounce ? "hard" : "soft")})", r.Count))));
        console.WriteLine(Counts.Of(tally.Total, "bounce"));
        console.Write(Table("By recipient status", "Recipient status", tally.RecipientStatuses, tally.Total, int.MaxValue));
        console.Write(Table("By SMTP status class", "Class", tally.StatusClasses, tally.Total, int.MaxValue));
        console.Write(Table("Top replies", "Reply", tally.Replies, tally.Total, 10));
        console.Write(Table("Top recipient domains", "Domain", tally.Domains, tally.Total, 10));
        console.Write(Bars("Bounces by recipient domain", tally.Domains.Top(10)));
    }

    /// <summary>A bar chart of counts; hard and soft are told apart by their labels, never by colour alone.</summary>
    private static BarChart Bars(string title, IEnumerable<(string Label, long Count)> items)
    {
        var chart = new BarChart().Label(title).LeftAlignLabel().Width(100);
        foreach (var (label, count) in items)
        {
            chart.AddItem(Markup.Escape(SafeText.Line(label)), count, Color.Default);
        }

        return chart;
    }

    /// <summary>The reasons, most frequent first; among equals, in ordinal order, soft before hard.</summary>
    private static IEnumerable<(string Reason, bool HardBounce, long Count, string TopDomain)> Reasons(StatsTally tally) => tally.Reasons
        .OrderByDescending(g => g.Value.Total).ThenBy(g => g.Key.Reason, StringComparer.Ordinal).ThenBy(g => g.Key.HardBounce)
        .Select(g => (g.Key.Reason, g.Key.HardBounce, g.Value.Total, g.Value.Top(1).First().Key));

    /// <summary>
    /// The figures as CSV, the text's tables one after another: <c>table,key,bounce,count,share</c>, where <c>bounce</c>
    /// is <c>hard</c> or <c>soft</c> for a reason and empty otherwise, and the share is a fraction of every bounce.
    /// </summary>
    internal static string Csv(StatsTally tally)
    {
        var text = new StringBuilder("table,key,bounce,count,share\r\n");
        void Row(string table, string key, string bounce, long count)
        {
            text.Append(table).Append(',');
            CsvTarget.AppendField(text, CsvTarget.Neutralise(SafeText.Line(key)));
            text.Append(CultureInfo.InvariantCulture, $",{bounce},{count},{Share(count, tally.Total)}\r\n");
        }

        Row("total", string.Empty, string.Empty, tally.Total);
        foreach (var r in Reasons(tally))
        {
            Row("reason", r.Reason, r.HardBounce ? "hard" : "soft", r.Count);
        }

        foreach (var (table, counts, top) in Tables(tally))
        {
            foreach (var (key, count) in counts.Top(top))
            {
                Row(table, key, string.Empty, count);
            }
        }

        return text.ToString();
    }

    /// <summary>The figures as one JSON object: the total, then each table as an array of its rows.</summary>
    internal static string Json(StatsTally tally)
    {
        var root = new JsonObject { ["total"] = tally.Total };
        var reasons = new JsonArray();
        foreach (var r in Reasons(tally))
        {
            reasons.Add(new JsonObject
            {
                ["reason"] = r.Reason,
                ["bounce"] = r.HardBounce ? "hard" : "soft",
                ["count"] = r.Count,
                ["share"] = Share(r.Count, tally.Total),
                ["topDomain"] = r.TopDomain,
            });
        }

        root["reasons"] = reasons;
        foreach (var (table, counts, top) in Tables(tally))
        {
            var rows = new JsonArray();
            foreach (var (key, count) in counts.Top(top))
            {
                rows.Add(new JsonObject { ["key"] = key, ["count"] = count, ["share"] = Share(count, tally.Total) });
            }

            root[table] = rows;
        }

        return root.ToJsonString();
    }

    private static IEnumerable<(string Table, StatsTally.Tally Counts, int Top)> Tables(StatsTally tally) =>
    [
        ("recipientStatus", tally.RecipientStatuses, int.MaxValue),
        ("statusClass", tally.StatusClasses, int.MaxValue),
        ("reply", tally.Replies, 10),
        ("domain", tally.Domains, 10),
    ];

    private static double Share(long count, long total) => total == 0 ? 0 : Math.Round((double)count / total, 6);

    /// <summary>The classifier's reasons, most frequent first: hard or soft, count, share and the most common recipient domain.</summary>
    private static Table ReasonTable(StatsTally tally)
    {
        var table = new Table().Title("By reason").AddColumn("Reason").AddColumn("Bounce").AddColumn(new TableColumn("Count").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("Top provider");
        foreach (var (reason, hardBounce, count, top) in Reasons(tally))
        {
            var share = (double)count / tally.Total;
            table.AddRow(
                Markup.Escape(SafeText.Line(reason)),
                hardBounce ? "hard" : "soft",
                count.ToString("N0", CultureInfo.InvariantCulture),
                share.ToString("P1", CultureInfo.InvariantCulture),
                Markup.Escape(SafeText.Line(top)));
        }

        return table;
    }

    private static Table Table(string title, string column, StatsTally.Tally counts, long total, int top)
    {
        var table = new Table().Title(title).AddColumn(column).AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        foreach (var (key, count) in counts.Top(top))
        {
            var share = total == 0 ? 0 : (double)count / total;
            table.AddRow(Markup.Escape(SafeText.Line(key)), count.ToString("N0", CultureInfo.InvariantCulture), share.ToString("P1", CultureInfo.InvariantCulture));
        }

        return table;
    }

    internal static string ClassOf(string status) => status.Length > 0 ? status[0] switch
    {
        '2' => "2 success",
        '4' => "4 transient failure",
        '5' => "5 permanent failure",
        _ => "(not a status code)",
    } : "(empty)";

    /// <summary>The reply without the address in it, cut to a readable length.</summary>
    internal static string ReplyText(string reply)
    {
        if (reply.Length == 0)
        {
            return "(empty)";
        }

        var open = reply.IndexOf('<', StringComparison.Ordinal);
        var close = open < 0 ? -1 : reply.IndexOf('>', open);
        var text = open >= 0 && close > open ? string.Concat(reply.AsSpan(0, open), "<…>", reply.AsSpan(close + 1)) : reply;
        return text.Length > 90 ? text[..89] + "…" : text;
    }

    internal static string Domain(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? "(no domain)" : email[(at + 1)..].ToLowerInvariant();
    }
}
