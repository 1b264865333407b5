using System.Data.Common;
using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The bounce rates of <c>stats</c>, whenever the export holds raw messages: bounces ÷ messages by recipient domain,
/// by campaign and by week of sending, with hard bounces and sender-side ones (soft, with a reason
/// <see cref="BounceReasons.IsSenderSide"/>) counted apart. The database aggregates: a bounce counts where its message
/// (<c>id_send_messge</c> = <c>id_send_message</c>) is exported, so each rate's bounces are bounces of its messages; the
/// bounces whose message is not exported are counted apart, never in a rate.
/// </summary>
internal static class StatsRates
{
    /// <summary>One group's counts.</summary>
    internal sealed record Rate(string Key, long Messages, long Bounces, long Hard, long SenderSide)
    {
        public double Share => Messages == 0 ? 0 : (double)Bounces / Messages;
    }

    /// <summary>The rates of an export, or <see langword="null"/> when it holds no raw messages.</summary>
    internal sealed record Rates(IReadOnlyList<Rate> Domains, IReadOnlyList<Rate> Campaigns, IReadOnlyList<Rate> Weeks, long BouncesWithoutMessage);

    /// <summary>Writes the rate tables after the other tables of <c>stats</c>; writes nothing for an export without raw messages.</summary>
    public static async Task WriteAsync(string input, ExportFormat format, TextWriter output, CancellationToken cancellationToken)
    {
        if (await ReadAsync(input, format, cancellationToken) is not { } rates)
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        console.Write(Table("Bounce rate by recipient domain", "Domain", rates.Domains));
        console.Write(Table("Bounce rate by campaign", "Campaign", rates.Campaigns));
        console.Write(Table("Bounce rate by week sent", "Week of", rates.Weeks));
        console.WriteLine($"{Counts.Of(rates.BouncesWithoutMessage, "bounce")} without an exported message, not in the rates");
    }

    /// <summary>The rates, aggregated by the database; <see langword="null"/> for NDJSON, or when no raw messages were exported.</summary>
    internal static async Task<Rates?> ReadAsync(string input, ExportFormat format, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ExportFormat.Sqlite:
                {
                    var readOnly = new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                    await using var connection = new SqliteConnection(readOnly.ToString());
                    await connection.OpenAsync(cancellationToken);
                    return await ReadAsync(
                        connection,
                        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'raw_messages')",
                        "COALESCE(date(m.date_sent, 'weekday 0', '-6 days'), '(unknown)')",
                        cancellationToken);
                }

            case ExportFormat.Postgres:
                {
                    await using var connection = new NpgsqlConnection(PostgresConnectionString.Normalize(input));
                    await connection.OpenAsync(cancellationToken);
                    return await ReadAsync(
                        connection,
                        "SELECT to_regclass('raw_messages') IS NOT NULL",
                        "COALESCE(to_char(date_trunc('week', m.date_sent AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), '(unknown)')",
                        cancellationToken);
                }

            default:
                return null;
        }
    }

    private static async Task<Rates?> ReadAsync(DbConnection connection, string exists, string week, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = exists;
        if (await command.ExecuteScalarAsync(cancellationToken) is not (true or (long and not 0)))
        {
            return null;
        }

        command.CommandText = "SELECT EXISTS (SELECT 1 FROM raw_messages)";
        if (await command.ExecuteScalarAsync(cancellationToken) is not (true or (long and not 0)))
        {
            return null;
        }

        var domains = await GroupAsync(command, "COALESCE(NULLIF(lower(m.domain), ''), '(none)')", "messages DESC, k", 10, cancellationToken);
        var campaigns = await GroupAsync(command, "COALESCE(CAST(m.id_message AS TEXT), '(none)')", "messages DESC, k", 20, cancellationToken);
        var weeks = await GroupAsync(command, week, "k", int.MaxValue, cancellationToken);
        command.CommandText = "SELECT COUNT(*) FROM raw_bounces AS b WHERE NOT EXISTS (SELECT 1 FROM raw_messages AS m WHERE m.id_send_message = b.id_send_messge)";
        var without = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new Rates(domains, campaigns, weeks, without);
    }

    /// <summary>Messages, bounces, hard and sender-side bounces per group, the first <paramref name="top"/> in <paramref name="order"/>.</summary>
    private static async Task<List<Rate>> GroupAsync(DbCommand command, string key, string order, int top, CancellationToken cancellationToken)
    {
        var senderSide = string.Join(
            ", ", Enum.GetValues<BounceReason>().Where(BounceReasons.IsSenderSide).Select(r => $"'{BounceReasons.ToSisimaiName(r)}'"));
        command.CommandText = $"""
            SELECT {key} AS k, COUNT(DISTINCT m.id_send_message) AS messages, COUNT(b.id_undelivered_log) AS bounces,
                SUM(CASE WHEN CAST(b.hard_bounce AS INTEGER) = 1 THEN 1 ELSE 0 END) AS hard,
                SUM(CASE WHEN CAST(b.hard_bounce AS INTEGER) = 0 AND b.reason IN ({senderSide}) THEN 1 ELSE 0 END) AS sender_side
            FROM raw_messages AS m LEFT JOIN raw_bounces AS b ON b.id_send_messge = m.id_send_message
            GROUP BY {key} ORDER BY {order}
            """;
        var rates = new List<Rate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken) && rates.Count < top)
        {
            rates.Add(new Rate(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), Number(reader, 3), Number(reader, 4)));
        }

        return rates;
    }

    private static long Number(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    private static Table Table(string title, string column, IReadOnlyList<Rate> rates)
    {
        var table = new Table().Title(title).AddColumn(column);
        foreach (var heading in (string[])["Messages", "Bounces", "Rate", "Hard", "Sender-side"])
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var rate in rates)
        {
            table.AddRow(
                Markup.Escape(SafeText.Line(rate.Key)),
                rate.Messages.ToString("N0", c),
                rate.Bounces.ToString("N0", c),
                rate.Share.ToString("P2", c),
                rate.Hard.ToString("N0", c),
                rate.SenderSide.ToString("N0", c));
        }

        return table;
    }
}
