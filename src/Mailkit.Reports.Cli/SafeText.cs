using System.Text;
using System.Text.RegularExpressions;

namespace Mailkit.Reports.Cli;

/// <summary>Makes text fit to print: no control characters or escape sequences, no credential-shaped values.</summary>
internal static partial class SafeText
{
    /// <summary>
    /// Text for one line of a terminal: line ends become spaces, other control characters (ESC, BEL, C1…) become
    /// <c>?</c>, and runs of 32 or more hexadecimal characters (an md5) become <c>[hidden]</c>.
    /// </summary>
    public static string Line(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            builder.Append(ch == '\t' ? ' ' : IsUnsafe(ch) ? '?' : ch);
        }

        return HexRun().Replace(builder.ToString(), "[hidden]");
    }

    /// <summary>A value given by the user, quoted for a message; or a note that it is not shown when it may be secret.</summary>
    public static string Quote(string value) =>
        MayHoldSecret(value) || HexRun().IsMatch(value)
            ? "(not shown: it may hold a secret)"
            : $"'{Line(value.Length > 60 ? value[..60] + "…" : value)}'";

    /// <summary>A parser's message with every argument that may hold a secret (see <see cref="Quote"/>) taken out.</summary>
    public static string WithoutSecrets(string message, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments.Where(a => a.Length > 0 && (MayHoldSecret(a) || HexRun().IsMatch(a))).OrderByDescending(a => a.Length))
        {
            message = message.Replace(argument, "(not shown: it may hold a secret)", StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>
    /// A file target for a message. A path holding <c>=</c> or <c>://</c> might be a mistyped connection string, so only
    /// its file name is shown, and not even that when the name holds them too.
    /// </summary>
    public static string Path(string path)
    {
        if (!MayHoldSecret(path))
        {
            return Line(path);
        }

        var name = System.IO.Path.GetFileName(path);
        return name.Length > 0 && !MayHoldSecret(name) ? Line(name) : "the given target";
    }

    /// <summary>Whether a character is a C0 or C1 control, DEL, or a bidirectional override that can disguise text.</summary>
    public static bool IsUnsafe(char ch) => char.IsControl(ch) || ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool MayHoldSecret(string value) => value.Contains('=', StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal);

    [GeneratedRegex("[0-9A-Fa-f]{32,}")]
    private static partial Regex HexRun();
}
