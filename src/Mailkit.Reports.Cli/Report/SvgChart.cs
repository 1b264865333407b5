using System.Globalization;
using System.Net;
using System.Text;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// Horizontal bar charts drawn as inline SVG: one row per label, a bar per row made of stacked segments, each series with
/// its colour from the Okabe–Ito palette and its own fill pattern, a legend naming them, a value at the end of each bar,
/// an optional threshold line and an optional note per row. Every segment has a <c>&lt;title&gt;</c> for hover, and the
/// chart an <c>aria-label</c> and a <c>&lt;title&gt;</c>. A chart is only drawn with at least one non-zero value.
/// </summary>
internal static class SvgChart
{
    private const int Width = 900;
    private const int LabelWidth = 190;
    private const int BarWidth = 380;
    private const int RowHeight = 22;
    private const int LegendHeight = 26;

    /// <summary>Hard, address-level soft, sender-side: Okabe–Ito vermillion (solid), blue (stripes), orange (dots).</summary>
    public static readonly IReadOnlyList<Series> Kinds =
    [
        new("hard", "#D55E00", Fill.Solid),
        new("address-level soft", "#0072B2", Fill.Stripes),
        new("sender-side", "#E69F00", Fill.Dots),
    ];

    /// <summary>One series: Okabe–Ito blue, solid.</summary>
    public static readonly IReadOnlyList<Series> Single = [new("count", "#0072B2", Fill.Solid)];

    /// <summary>Hard and soft, for the reasons: vermillion solid and blue striped.</summary>
    public static readonly IReadOnlyList<Series> HardSoft = [new("hard", "#D55E00", Fill.Solid), new("soft", "#0072B2", Fill.Stripes)];

    public static bool HasMarks(IEnumerable<Bar> bars) => bars.Any(b => b.Segments.Any(s => s.Value > 0));

    public static string Render(string id, string title, IReadOnlyList<Series> series, IReadOnlyList<Bar> bars, Func<double, string> format, Threshold? threshold = null)
    {
        var c = CultureInfo.InvariantCulture;
        var max = bars.Select(b => b.Segments.Sum(s => s.Value)).DefaultIfEmpty(0).Max();
        max = Math.Max(max, threshold?.Value ?? 0) * 1.08;
        if (max <= 0)
        {
            max = 1;
        }

        var height = LegendHeight + (bars.Count * RowHeight) + 8;
        var svg = new StringBuilder();
        svg.Append(c, $"<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-label=\"{Text(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">");
        svg.Append(c, $"<title>{Text(title)}</title><defs>");
        for (var i = 0; i < series.Count; i++)
        {
            svg.Append(Pattern($"{id}-s{i}", series[i]));
        }

        svg.Append("</defs>");
        var x = 0;
        for (var i = 0; i < series.Count; i++)
        {
            svg.Append(c, $"<rect class=\"swatch\" x=\"{x}\" y=\"4\" width=\"14\" height=\"14\" fill=\"url(#{id}-s{i})\" stroke=\"#333\" stroke-width=\"0.5\">" +
                $"<title>{Text(series[i].Name)}</title></rect>");
            svg.Append(c, $"<text x=\"{x + 18}\" y=\"16\" class=\"legend\">{Text(series[i].Name)}</text>");
            x += 30 + (series[i].Name.Length * 7);
        }

        for (var row = 0; row < bars.Count; row++)
        {
            var bar = bars[row];
            var y = LegendHeight + (row * RowHeight);
            svg.Append(c, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{Text(Cut(bar.Label, 28))}</text>");
            double at = LabelWidth;
            foreach (var segment in bar.Segments.Where(s => s.Value > 0))
            {
                var width = segment.Value / max * BarWidth;
                svg.Append(c, $"<rect class=\"mark\" x=\"{at:0.##}\" y=\"{y + 3}\" width=\"{Math.Max(width, 1):0.##}\" height=\"{RowHeight - 6}\" " +
                    $"fill=\"url(#{id}-s{segment.Series})\" " +
                    $"stroke=\"#333\" stroke-width=\"0.5\"><title>{Text(bar.Label)}: {Text(series[segment.Series].Name)} {Text(format(segment.Value))}</title></rect>");
                at += Math.Max(width, 1);
            }

            var total = bar.Segments.Sum(s => s.Value);
            svg.Append(c, $"<text x=\"{at + 5:0.##}\" y=\"{y + 15}\" class=\"value\">{Text(format(total))}{(bar.Note is { } note ? " " + Text(note) : string.Empty)}</text>");
        }

        if (threshold is { } line)
        {
            var tx = LabelWidth + (line.Value / max * BarWidth);
            svg.Append(c, $"<line x1=\"{tx:0.##}\" y1=\"{LegendHeight - 2}\" x2=\"{tx:0.##}\" y2=\"{height - 4}\" class=\"threshold\"><title>{Text(line.Label)}</title></line>");
            svg.Append(c, $"<text x=\"{tx + 3:0.##}\" y=\"{height - 6}\" class=\"threshold-label\">{Text(line.Label)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Pattern(string id, Series series) => series.Fill switch
    {
        Fill.Stripes => $"<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" " +
            $"fill=\"{series.Colour}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2\"/></pattern>",
        Fill.Dots => $"<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"{series.Colour}\"/><circle " +
            $"cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#000\"/></pattern>",
        _ => $"<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"{series.Colour}\"/></pattern>",
    };

    private static string Cut(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;

    private static string Text(string text) => WebUtility.HtmlEncode(SafeText.Line(text));

    /// <summary>How a series is filled, so that colour is never the only cue.</summary>
    internal enum Fill
    {
        Solid,
        Stripes,
        Dots,
    }

    internal sealed record Series(string Name, string Colour, Fill Fill);

    internal sealed record Segment(int Series, double Value);

    /// <summary>A row: its label, its segments, and a note after its value (a threshold crossed, a jump).</summary>
    internal sealed record Bar(string Label, IReadOnlyList<Segment> Segments, string? Note = null);

    internal sealed record Threshold(double Value, string Label);
}
