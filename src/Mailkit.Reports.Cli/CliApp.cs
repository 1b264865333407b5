using System.CommandLine;
using System.CommandLine.Invocation;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The command line of <c>mailkit-bounces</c>: <c>export</c>, <c>stats</c>, <c>classify</c> and <c>suppressions</c>.</summary>
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
        TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var options = new ExportOptions();
        var inputTarget = new Option<string>("--input") { Description = "What to read: as --output of export.", DefaultValueFactory = _ => "bounces.db" };
        var export = new Command("export", "Export every raw bounce into SQLite, PostgreSQL, NDJSON or CSV; a second run continues where the first stopped.");
        options.AddTo(export);
        var stats = new Command("stats", "Show counts by recipient status and SMTP status class, the top replies and the top recipient domains.") { inputTarget };
        var classify = new ClassifyCommand();
        var suppressionsInput = new Option<string>("--input") { Description = "What to read: as --output of export.", DefaultValueFactory = _ => "bounces.db" };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Suppress an address with soft bounces of its own (mailbox full, disabled…) seen on at least this many distinct sends.",
            DefaultValueFactory = _ => 3,
        };
        var listFormat = new Option<string>("--format") { Description = "text, csv or ndjson.", DefaultValueFactory = _ => "text" };
        listFormat.AcceptOnlyFromAmong(SuppressionList.Formats);
        var suppressionsExamples = ExampleFile.CreateOption();
        var suppressions = new Command(
            "suppressions",
            "List the addresses to stop mailing: every hard bounce, and soft bounces of the address itself seen on --repeats distinct sends.")
        {
            suppressionsInput, repeats, listFormat, suppressionsExamples,
        };
        var root = new RootCommand("mailkit-bounces: every raw bounce from Mailkit, exported without code.") { export, stats, classify.Command, suppressions };

        Task<int> ExportAsync(ParseResult result, CancellationToken token) => GuardAsync(error, async () =>
        {
            var (settings, problem) = await options.ReadAsync(result, environment, input, error, token);
            if (problem is not null)
            {
                return await Exporter.Fail(error, ExitCodes.Usage, problem);
            }

            return await Exporter.RunAsync(settings! with { CustomTransport = customTransport }, clock, output, error, errorIsTerminal, token);
        }, token);
        export.SetAction(ExportAsync);
        stats.SetAction((result, token) => GuardAsync(error, async () =>
        {
            var target = result.GetValue(inputTarget)!;
            return await StatsReport.RunAsync(target, TargetResolver.FormatOf(target) ?? ExportFormat.Sqlite, output, error, token);
        }, token));

        classify.Command.SetAction((result, token) => GuardAsync(error, () => classify.RunAsync(result, output, error, token), token));
        suppressions.SetAction((result, token) => GuardAsync(error, async () =>
        {
            var target = result.GetValue(suppressionsInput)!;
            var examples = result.GetValue(suppressionsExamples);
            var (classifier, problem) = await ExampleFile.LoadAsync(examples, token);
            if (problem is not null)
            {
                return await Exporter.Fail(error, ExitCodes.Usage, problem);
            }

            var format = TargetResolver.FormatOf(target) ?? ExportFormat.Sqlite;
            return await SuppressionList.RunAsync(target, format, classifier!, examples is not null, result.GetValue(repeats), result.GetValue(listFormat)!, output, error, token);
        }, token));

        // No response files: an argument starting with @ (a server's reply, say) is that text, never a file to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.FirstOrDefault(e => !options.Owns(e)) is { } parseError)
        {
            var message = UnknownWord(parsed, root) ?? SafeText.WithoutSecrets(parseError.Message, args);
            return await Exporter.Fail(error, ExitCodes.Usage, $"{message} (see --help)");
        }

        if (parsed.Action is ParseErrorAction)
        {
            // Only values the options of export refused: it reports the first of them in its own order.
            return await ExportAsync(parsed, cancellationToken);
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>
    /// The first word the parser could not place, with the nearest command or option when there is one. The suggestions
    /// are System.CommandLine's own typo corrections, which it writes as a heading quoting the word and then one name a
    /// line; only names of the commands and options where the word was given are taken from it.
    /// </summary>
    private static string? UnknownWord(ParseResult parsed, RootCommand root)
    {
        if (parsed.UnmatchedTokens.Count == 0 || parsed.Action is not ParseErrorAction errorAction)
        {
            return null;
        }

        errorAction.ShowHelp = false;
        errorAction.ShowTypoCorrections = true;
        using var corrections = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = corrections, Error = TextWriter.Null, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });

        var command = parsed.CommandResult.Command;
        var token = parsed.UnmatchedTokens[0];
        var isOption = token.StartsWith('-');

        // A word is suggested a word, and an option an option: "xyz" is not a near miss of "-h".
        var names = (isOption ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)) : command.Subcommands.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        var lines = corrections.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // Each word with suggestions has a heading that quotes it, then one name a line; the first word's come first.
        var suggestions = lines.Length > 0 && lines[0].Contains(token, StringComparison.Ordinal)
            ? lines.Skip(1).TakeWhile(line => !line.Contains(' ', StringComparison.Ordinal)).Where(names.Contains).ToList()
            : [];
        var kind = isOption ? "unknown option" : command == root ? "unknown command" : "unexpected argument";
        var where = command == root ? string.Empty : $" for {command.Name}";
        if (suggestions.Count > 0)
        {
            return $"{kind} {SafeText.Quote(token)}{where}; did you mean {string.Join(" or ", suggestions.Select(n => $"'{n}'"))}?";
        }

        return command == root && !isOption
            ? $"{kind} {SafeText.Quote(token)}: the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}"
            : $"{kind} {SafeText.Quote(token)}{where}";
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
            return await Exporter.Fail(error, ExitCodes.Interrupted, "interrupted.");
        }
        catch (Exception ex) when (TargetFailures.ExitCodeOnOpen(ex) is { } code)
        {
            return await Exporter.Fail(error, code, ex.Message);
        }
        catch (Exception ex)
        {
            return await Exporter.Fail(error, ExitCodes.Failed, $"failed ({ex.GetType().Name}): {ex.Message}");
        }
    }
}
