using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Mailkit.Reports.Cli;

/// <summary>
/// Where every command's failure is told: one line on stderr, made safe (<see cref="SafeText.Line"/>), and the exit
/// code scripts rely on (<see cref="ExitCodes"/>). A command line the parser refused is told here too, in the tool's
/// words, with the nearest command or option for a mistyped one.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Writes one safe line to stderr and returns the exit code.</summary>
    public static async Task<int> FailAsync(TextWriter error, int exitCode, string message)
    {
        await error.WriteLineAsync($"mailkit-bounces: {SafeText.Line(message)}");
        return exitCode;
    }

    /// <summary>
    /// Tells a command line the parser refused, exit code <see cref="ExitCodes.Usage"/>: the first word it could not
    /// place; else the problem a command's own checks found (<see cref="Command.Validators"/>), in the tool's words;
    /// else System.CommandLine's first error, with every argument that may hold a secret taken out.
    /// </summary>
    public static Task<int> ParseErrorAsync(TextWriter error, ParseResult parsed, RootCommand root, IEnumerable<string> arguments)
    {
        if (UnknownWord(parsed, root) is { } unknown)
        {
            return FailAsync(error, ExitCodes.Usage, $"{unknown} (see --help)");
        }

        if (parsed.Errors.FirstOrDefault(e => e.SymbolResult is CommandResult { Command.Validators.Count: > 0 }) is { } checkedByTheCommand)
        {
            return FailAsync(error, ExitCodes.Usage, checkedByTheCommand.Message);
        }

        return FailAsync(error, ExitCodes.Usage, $"{SafeText.WithoutSecrets(parsed.Errors[0].Message, arguments)} (see --help)");
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
}
