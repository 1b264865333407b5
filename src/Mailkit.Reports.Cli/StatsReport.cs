using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Mailkit.Reports.Cli;

/// <summary><c>stats</c>: what a person wants to see after an export, as aligned tables.</summary>
internal static class StatsReport
{
    public static async Task<int> RunAsync(string input, ExportFormat format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rows = new List<(string RecipientStatus, string Status, string Reply, string Email)>();
        var name = TargetResolver.Describe(input, format);
        try
        {
            switch (format)
            {
                case ExportFormat.Sqlite when !File.Exists(input):
                    return await Exporter.Fail(error, ExitCodes.Usage, $"{name} does not exist; run export first.");
                case ExportFormat.Sqlite:
                    await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
                    {
                        await connection.OpenAsync(cancellationToken);
                        await ReadAsync(connection, rows, cancellationToken);
                    }

                    break;
                case ExportFormat.Postgres:
                    await using (var connection = new NpgsqlConnection(PostgresConnectionString.Normalize(input)))
                    {
                        await connection.OpenAsync(cancellationToken);
                        await ReadAsync(connection, rows, cancellationToken);
                    }

                    break;
                case ExportFormat.Ndjson:
                    foreach (var line in await File.ReadAllLinesAsync(input, cancellationToken))
                    {
                        if (line.Length == 0)
                        {
                            continue;
                        }

                        using var json = JsonDocument.Parse(line);
                        var root = json.RootElement;
                        rows.Add((Text(root, "RECIPIENT_STATUS"), Text(root, "STATUS"), Text(root, "TEXT_STATUS"), Text(root, "EMAIL")));
                    }

                    break;
                default:
                    return await Exporter.Fail(error, ExitCodes.Usage, $"stats reads SQLite, PostgreSQL or NDJSON, not {format.Name()}.");
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or JsonException or UnauthorizedAccessException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return await Exporter.Fail(error, ExitCodes.Failed, $"reading {name} failed: {TargetFailures.Reason(ex, input)}");
        }

        Render(rows, output);
        return ExitCodes.Done;
    }

    private static async Task ReadAsync(DbConnection connection, List<(string, string, string, string)> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT recipient_status, status, text_status, email FROM raw_bounces";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
    }

    private static void Render(List<(string RecipientStatus, string Status, string Reply, string Email)> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        console.WriteLine($"{rows.Count.ToString(CultureInfo.InvariantCulture)} bounces");
        console.Write(Table("By recipient status", "Recipient status", rows.GroupBy(r => r.RecipientStatus.Length == 0 ? "(empty)" : r.RecipientStatus), rows.Count, int.MaxValue));
        console.Write(Table("By SMTP status class", "Class", rows.GroupBy(r => ClassOf(r.Status)), rows.Count, int.MaxValue));
        console.Write(Table("Top reasons", "Reason", rows.GroupBy(r => Reason(r.Reply)), rows.Count, 10));
        console.Write(Table("Top recipient domains", "Domain", rows.GroupBy(r => Domain(r.Email)), rows.Count, 10));
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
    internal static string Reason(string reply)
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

    private static string Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
