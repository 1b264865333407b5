using System.Globalization;

namespace Mailkit.Reports.Cli;

/// <summary>A count with its noun, singular for one and plural otherwise: <c>1 page</c>, <c>0 pages</c>, <c>2 retries</c>.</summary>
internal static class Counts
{
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
