using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// <c>report</c>: one self-contained HTML file that shows an export's deliverability (see <see cref="HtmlReport"/>),
/// aggregated in the database (see <see cref="ReportReader"/>). It reads SQLite and PostgreSQL; NDJSON and CSV are refused,
/// since only a database can aggregate without holding the rows.
/// </summary>
internal sealed class ReportCommand
{
    private readonly Option<string> _output = new("--output")
    {
        Description = "The HTML file to write. A report already there is read first, to say how the suppression list changed since.",
        DefaultValueFactory = _ => "report.html",
    };

    private readonly Option<string?> _since = new("--since")
    {
        Description = "Count only sends from this UTC date or instant on (yyyy-MM-dd or ISO 8601); undated bounces are always counted apart.",
    };

    private readonly Option<string> _by = new("--by") { Description = "week (from Monday, UTC) or day.", DefaultValueFactory = _ => "week" };

    private readonly Option<double> _hardThreshold = new("--hard-threshold")
    {
        Description = "Mark a period whose hard-bounce rate reaches this share of messages (0.02 is the usual ESP alarm).",
        DefaultValueFactory = _ => 0.02,
    };

    private readonly Option<double> _bounceThreshold = new("--bounce-threshold")
    {
        Description = "Mark a period whose rate of all bounces together reaches this share of messages.",
        DefaultValueFactory = _ => 0.05,
    };

    private readonly Option<double> _jumpFactor = new("--jump-factor")
    {
        Description = "Flag a domain whose latest period's rate is at least this many times its own past rate (and one point higher).",
        DefaultValueFactory = _ => 2.0,
    };

    private readonly Option<int> _repeats = new("--repeats")
    {
        Description = "Count an address with soft bounces of its own on at least this many distinct sends as one to suppress, as suppressions does.",
        DefaultValueFactory = _ => SuppressionPolicy.DefaultRepeatedSends,
    };

    public ReportCommand()
    {
        _by.AcceptOnlyFromAmong("week", "day");
        Command = new Command("report", "Write one self-contained HTML file: bounce rates over time, recipient domains, sender-side problems, reasons, campaigns, " +
            "suppressions and data freshness.")
        {
            ExportInput.Option, _output, _since, _by, _hardThreshold, _bounceThreshold, _jumpFactor, _repeats,
        };
    }

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult result, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (settings, problem) = Read(result);
        if (problem is not null)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, problem);
        }

        return await RunAsync(settings!, clock, output, error, cancellationToken);
    }

    public static async Task<int> RunAsync(ReportSettings settings, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var format = TargetResolver.FormatOf(settings.Input) ?? ExportFormat.Sqlite;
        var name = TargetResolver.Describe(settings.Input, format);
        if (format is not (ExportFormat.Sqlite or ExportFormat.Postgres))
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"report reads SQLite or PostgreSQL, not {format.Name()}: it aggregates in the database. Export " +
                $"to a .db file or PostgreSQL for a report.");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(settings.Output)) is { } folder && !Directory.Exists(folder))
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"the folder of --output {SafeText.Path(settings.Output)} does not exist; create it or choose another.");
        }

        if (format == ExportFormat.Sqlite && !File.Exists(settings.Input))
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"{name} does not exist; run export first.");
        }

        try
        {
            var previous = await ReportSummary.ReadAsync(settings.Output, cancellationToken);
            await using (var connection = Open(settings.Input, format))
            {
                await connection.OpenAsync(cancellationToken);
                if (format == ExportFormat.Sqlite)
                {
                    if (await SchemaVersion.ReadAsync((SqliteConnection)connection, null, cancellationToken) is { } version)
                    {
                        SchemaVersion.EnsureKnown(name, version);
                    }
                }
                else if (await SchemaVersion.ReadAsync((NpgsqlConnection)connection, null, cancellationToken) is { } version)
                {
                    SchemaVersion.EnsureKnown(name, version);
                }
            }

            var dialect = format == ExportFormat.Sqlite ? ReportDialect.Sqlite : ReportDialect.Postgres;
            var data = await new ReportReader(() => Open(settings.Input, format), dialect, settings).ReadAsync(name, clock.GetUtcNow(), previous, cancellationToken);
            await WriteAsync(settings.Output, HtmlReport.Render(data), cancellationToken);
            var messages = data.Periods.Sum(p => p.Messages ?? 0) + data.UndatedMessages;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {SafeText.Path(settings.Output)}: {Counts.Of(data.TotalBounces, "bounce")}, {Counts.Of(messages, "message")}, " +
                    $"{Counts.Of(data.Suppressions.Total, "address", "addresses")} to suppress"));
            return ExitCodes.Done;
        }
        catch (TargetException ex)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, ex.Message);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidOperationException
            or System.Net.Sockets.SocketException or TimeoutException)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Failed, $"reading {name} failed: {TargetFailures.Reason(ex, settings.Input)}");
        }
    }

    private static DbConnection Open(string input, ExportFormat format) => format == ExportFormat.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
        : new NpgsqlConnection(PostgresConnectionString.Normalize(input));

    /// <summary>Writes the file beside its final path and moves it there, so that a reader never sees half a report.</summary>
    private static async Task WriteAsync(string path, string html, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, html, new System.Text.UTF8Encoding(false), cancellationToken);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private (ReportSettings? Settings, string? Problem) Read(ParseResult result)
    {
        var hard = result.GetValue(_hardThreshold);
        var bounce = result.GetValue(_bounceThreshold);
        var jump = result.GetValue(_jumpFactor);
        var repeats = result.GetValue(_repeats);
        if (hard is not (> 0 and <= 1) || double.IsNaN(hard))
        {
            return (null, "--hard-threshold must be more than 0 and at most 1 (0.02 is 2 %).");
        }

        if (bounce is not (> 0 and <= 1) || double.IsNaN(bounce))
        {
            return (null, "--bounce-threshold must be more than 0 and at most 1 (0.05 is 5 %).");
        }

        if (jump is not > 1 || double.IsInfinity(jump))
        {
            return (null, "--jump-factor must be more than 1.");
        }

        if (repeats < 1)
        {
            return (null, "--repeats must be 1 or more (see --help).");
        }

        DateTimeOffset? since = null;
        if (result.GetValue(_since) is { } text)
        {
            if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out day))
            {
                return (null, $"--since {SafeText.Quote(text)} is not a date: give yyyy-MM-dd or an ISO 8601 instant.");
            }

            since = day.ToUniversalTime();
        }

        var by = result.GetValue(_by) == "day" ? ReportBucket.Day : ReportBucket.Week;
        return (new ReportSettings(result.GetValue(ExportInput.Option)!, result.GetValue(_output)!, since, by, hard, bounce, jump, repeats), null);
    }
}
