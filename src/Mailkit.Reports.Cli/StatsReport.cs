using System.Data.Common;
using System.Globalization;
using System.Text.Json;
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
        var (rows, exit) = await ReadAsync("stats", input, format, BounceClassifier.Default, taught: false, error, cancellationToken);
        if (rows is null)
        {
            return exit;
        }

        Render(rows, output);
        return ExitCodes.Done;
    }

    /// <summary>Reads an export back for a command, or says why it cannot, as <c>stats</c> always has.</summary>
    internal static async Task<(List<StoredBounce>? Rows, int Exit)> ReadAsync(
        string command, string input, ExportFormat format, BounceClassifier classifier, bool taught, TextWriter error, CancellationToken cancellationToken)
    {
        var name = TargetResolver.Describe(input, format);
        if (format is ExportFormat.Sqlite or ExportFormat.Ndjson && !File.Exists(input))
        {
            return (null, await Exporter.Fail(error, ExitCodes.Usage, $"{name} does not exist; run export first."));
        }

        if (!StoredBounces.CanRead(format))
        {
            return (null, await Exporter.Fail(error, ExitCodes.Usage, $"{command} reads SQLite, PostgreSQL or NDJSON, not {format.Name()}."));
        }

        try
        {
            return (await StoredBounces.ReadAsync(input, format, classifier, taught, cancellationToken), ExitCodes.Done);
        }
        catch (Exception ex) when (ex is DbException or IOException or JsonException or UnauthorizedAccessException or InvalidOperationException
            or System.Net.Sockets.SocketException or TimeoutException)
        {
            return (null, await Exporter.Fail(error, ExitCodes.Failed, $"reading {name} failed: {TargetFailures.Reason(ex, input)}"));
        }
    }

    private static void Render(List<StoredBounce> stored, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        console.Write(ReasonTable(stored));
        var rows = stored.Select(r => (r.RecipientStatus, r.Status, r.Reply, r.Email)).ToList();
        console.WriteLine(Counts.Of(rows.Count, "bounce"));
        console.Write(Table("By recipient status", "Recipient status", rows.GroupBy(r => r.RecipientStatus.Length == 0 ? "(empty)" : r.RecipientStatus), rows.Count, int.MaxValue));
        console.Write(Table("By SMTP status class", "Class", rows.GroupBy(r => ClassOf(r.Status)), rows.Count, int.MaxValue));
        console.Write(Table("Top replies", "Reply", rows.GroupBy(r => ReplyText(r.Reply)), rows.Count, 10));
        console.Write(Table("Top recipient domains", "Domain", rows.GroupBy(r => Domain(r.Email)), rows.Count, 10));
    }

    /// <summary>The classifier's reasons, most frequent first: hard or soft, count, share and the most common recipient domain.</summary>
    private static Table ReasonTable(List<StoredBounce> stored)
    {
        var table = new Table().Title("By reason").AddColumn("Reason").AddColumn("Bounce").AddColumn(new TableColumn("Count").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("Top provider");
        var groups = stored.GroupBy(r => (r.Verdict.Reason, r.Verdict.HardBounce))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Reason, StringComparer.Ordinal).ThenBy(g => g.Key.HardBounce);
        foreach (var group in groups)
        {
            var share = (double)group.Count() / stored.Count;
            var top = group.GroupBy(r => Domain(r.Email)).OrderByDescending(d => d.Count()).ThenBy(d => d.Key, StringComparer.Ordinal).First().Key;
            table.AddRow(
                Markup.Escape(SafeText.Line(group.Key.Reason)),
                group.Key.HardBounce ? "hard" : "soft",
                group.Count().ToString("N0", CultureInfo.InvariantCulture),
                share.ToString("P1", CultureInfo.InvariantCulture),
                Markup.Escape(SafeText.Line(top)));
        }

        return table;
    }

    private static Table Table(string title, string column, IEnumerable<IGrouping<string, (string, string, string, string)>> groups, int total, int top)
    {
        var table = new Table().Title(title).AddColumn(column).AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        foreach (var group in groups.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top))
        {
            var share = total == 0 ? 0 : (double)group.Count() / total;
            table.AddRow(Markup.Escape(SafeText.Line(group.Key)), group.Count().ToString("N0", CultureInfo.InvariantCulture), share.ToString("P1", CultureInfo.InvariantCulture));
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
