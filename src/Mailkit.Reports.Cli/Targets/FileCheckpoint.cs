using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// The checkpoint beside a file target (<c>FILE.checkpoint</c>): the account and query the file holds, its length after
/// the last whole page, and the ID to continue from. One <c>key TAB value</c> per line under a version line.
/// </summary>
internal sealed record FileCheckpoint(string Account, string Query, long Length, long? NextStartId)
{
    private const string VersionLine = "mailkit-bounces checkpoint 2";

    /// <summary>Reads a checkpoint; <see langword="null"/> when the text is not one this version wrote.</summary>
    public static FileCheckpoint? Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != VersionLine)
        {
            return null;
        }

        var values = lines.Skip(1).Select(l => l.Split('\t', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return values.TryGetValue("account", out var account) && values.TryGetValue("query", out var query)
            && values.TryGetValue("length", out var lengthText) && long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && values.TryGetValue("next", out var nextText)
            ? new FileCheckpoint(account, query, length, long.TryParse(nextText, NumberStyles.None, CultureInfo.InvariantCulture, out var next) ? next : null)
            : null;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(VersionLine).Append('\n');
        text.Append("account\t").Append(Account).Append('\n');
        text.Append("query\t").Append(Query).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"length\t{Length}\n");
        text.Append(CultureInfo.InvariantCulture, $"next\t{NextStartId}\n");
        return text.ToString();
    }
}
