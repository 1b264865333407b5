using System.CommandLine;
using Mailkit.Reports.Cli.Report;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The command line of <c>mailkit-bounces</c>: <c>export</c>, <c>stats</c>, <c>classify</c>, <c>suppressions</c> and <c>report</c>.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        bool errorIsTerminal,
        IReadOnlyDictionary<string, string?> environment,
        TextReader input,
        CancellationToken cancellationToken,
        MailkitTransport? customTransport = null,
        TimeProvider? timeProvider = null,
        Func<IBounceTarget, IBounceTarget>? customTarget = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var options = new ExportOptions(environment);
        var inputTarget = ExportInput.Option;
        var export = new Command("export", "Export every raw bounce into SQLite, PostgreSQL, NDJSON or CSV; a second run continues where the first stopped.");
        options.AddTo(export);
        var statsFormat = new Option<StatsReport.Format>("--format")
        {
            Description = "text (tables and bar charts), csv or json.",
            DefaultValueFactory = _ => StatsReport.Format.Text,
        };
        statsFormat.AcceptOnlyFromAmong(StatsReport.Formats);
        var stats = new Command("stats", "Show counts by recipient status and SMTP status class, the top replies and the top recipient domains.") { inputTarget, statsFormat };
        var classify = new ClassifyCommand();
        var repeats = new Option<int>("--repeats")
        {
            Description = "Suppress an address with soft bounces of its own (mailbox full, disabled…) seen on at least this many distinct sends.",
            DefaultValueFactory = _ => 3,
        };
        var listFormat = new Option<SuppressionFormat>("--format") { Description = "text, csv or ndjson.", DefaultValueFactory = _ => SuppressionFormat.Text };
        listFormat.AcceptOnlyFromAmong(SuppressionList.Formats);
        var suppressionsExamples = ExampleFile.CreateOption();
        var suppressions = new Command(
            "suppressions",
            "List the addresses to stop mailing: every hard bounce, and soft bounces of the address itself seen on --repeats distinct sends.")
        {
            inputTarget, repeats, listFormat, suppressionsExamples,
        };
        var report = new ReportCommand();
        var root = new RootCommand("mailkit-bounces: every raw bounce from Mailkit, exported without code.") { export, stats, classify.Command, suppressions, report.Command };

        Task<int> ExportAsync(ParseResult result, CancellationToken token) => GuardAsync(error, async () =>
        {
            var (settings, problem) = await options.ReadAsync(result, input, token);
            if (problem is not null)
            {
                return await ErrorReporter.FailAsync(error, ExitCodes.Usage, problem);
            }

            return await Exporter.RunAsync(settings! with { CustomTransport = customTransport, CustomTarget = customTarget }, clock, output, error, errorIsTerminal, token);
        }, token);
        export.SetAction(ExportAsync);
        stats.SetAction((result, token) => GuardAsync(error, async () =>
        {
            var target = result.GetValue(inputTarget)!;
            return await StatsReport.RunAsync(target, TargetResolver.FormatOf(target) ?? ExportFormat.Sqlite, output, error, token, result.GetValue(statsFormat));
        }, token));

        classify.Command.SetAction((result, token) => GuardAsync(error, () => classify.RunAsync(result, output, error, token), token));
        suppressions.SetAction((result, token) => GuardAsync(error, async () =>
        {
            var target = result.GetValue(inputTarget)!;
            var examples = result.GetValue(suppressionsExamples);
            var (classifier, problem) = await ExampleFile.LoadAsync(examples, token);
            if (problem is not null)
            {
                return await ErrorReporter.FailAsync(error, ExitCodes.Usage, problem);
            }

            var format = TargetResolver.FormatOf(target) ?? ExportFormat.Sqlite;
            return await SuppressionList.RunAsync(target, format, classifier!, examples is not null, result.GetValue(repeats), result.GetValue(listFormat), output, error, token);
        }, token));

        report.Command.SetAction((result, token) => GuardAsync(error, () => report.RunAsync(result, clock, output, error, token), token));

        // No response files: an argument starting with @ (a server's reply, say) is that text, never a file to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.CommandResult.Command == export)
        {
            await options.WarnAsync(parsed, error);
        }

        if (parsed.Errors.Count > 0)
        {
            return await ErrorReporter.ParseErrorAsync(error, parsed, root, args);
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>Runs a command so that every failure ends as one line and an exit code, never a stack trace.</summary>
    private static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Interrupted, "interrupted.");
        }
        catch (Exception ex) when (TargetFailures.ExitCodeOnOpen(ex) is { } code)
        {
            return await ErrorReporter.FailAsync(error, code, ex.Message);
        }
        catch (Exception ex)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Failed, $"failed ({ex.GetType().Name}): {ex.Message}");
        }
    }
}
