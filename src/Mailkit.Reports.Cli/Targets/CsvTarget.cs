using System.Text;
using Mailkit.Reports.Cli.Enrichment;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// CSV (RFC 4180): a header row, the documented fields in a fixed order, then <c>extra</c> as JSON, then the
/// classifier's verdict: <c>reason</c>, <c>hard_bounce</c> (<c>true</c> or <c>false</c>) and <c>advice</c>. Unless
/// <c>--csv-raw</c> is given, a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR gets a
/// leading <c>'</c>, so that a spreadsheet shows it as text instead of running it as a formula (OWASP).
/// </summary>
internal sealed class CsvTarget(string path, bool raw) : FileTarget(path)
{
    protected override string Kind => "CSV";

    protected override string NewLine => "\r\n";

    protected override string Header() => string.Join(",", RawFields.Columns) + ",extra," + string.Join(",", Verdict.Columns) + NewLine;

    protected override void AppendLine(StringBuilder text, ClassifiedBounce bounce)
    {
        var values = RawFields.DocumentedValues(bounce.Record);
        for (var i = 0; i < values.Length; i++)
        {
            AppendField(text, raw ? values[i] : Neutralise(values[i]));
            text.Append(',');
        }

        AppendField(text, RawFields.ExtraJson(bounce.Record));
        var verdict = Verdict.Of(bounce.Classification);
        text.Append(',').Append(verdict.Reason).Append(',').Append(verdict.HardBounceText).Append(',').Append(verdict.Advice);
    }

    /// <summary>A cell a spreadsheet would read as a formula, with a leading <c>'</c>.</summary>
    internal static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    internal static void AppendField(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
