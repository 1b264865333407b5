using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Spectre.Console;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>stats</c>: what a person wants to see after an export, as aligned tables, led by the classifier's reasons.
/// </summary>
internal static class StatsReport
{
    public static async Task<int> RunAsync(string input, ExportFormat format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var tally = new StatsTally();
        if (await StoredBounces.FoldAsync("stats", input, format, BounceClassifier.Default, taught: false, tally.Add, error, cancellationToken) is { } exit)
        {
            return exit;
        }

        Render(tally, output);

        // Bounce rates, when the export holds the messages they need as denominator.
        await StatsRates.WriteAsync(input, format, output, cancellationToken);
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
        console.WriteLine(Counts.Of(tally.Total, "bounce"));
        console.Write(Table("By recipient status", "Recipient status", tally.RecipientStatuses, tally.Total, int.MaxValue));
        console.Write(Table("By SMTP status class", "Class", tally.StatusClasses, tally.Total, int.MaxValue));
        console.Write(Table("Top replies", "Reply", tally.Replies, tally.Total, 10));
        console.Write(Table("Top recipient domains", "Domain", tally.Domains, tally.Total, 10));
    }

    /// <summary>The classifier's reasons, most frequent first: hard or soft, count, share and the most common recipient domain.</summary>
    private static Table ReasonTable(StatsTally tally)
    {
        var table = new Table().Title("By reason").AddColumn("Reason").AddColumn("Bounce").AddColumn(new TableColumn("Count").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("Top provider");
        var groups = tally.Reasons
            .OrderByDescending(g => g.Value.Total).ThenBy(g => g.Key.Reason, StringComparer.Ordinal).ThenBy(g => g.Key.HardBounce);
        foreach (var (key, domains) in groups)
        {
            var share = (double)domains.Total / tally.Total;
            var top = domains.Top(1).First().Key;
            table.AddRow(
                Markup.Escape(SafeText.Line(key.Reason)),
                key.HardBounce ? "hard" : "soft",
                domains.Total.ToString("N0", CultureInfo.InvariantCulture),
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
