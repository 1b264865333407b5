using Mailkit.Reports.Models;

namespace Mailkit.Reports.Testing.Emulation;

/// <summary>One page of a list kept in ascending ID order: from a start ID (inclusive unless told otherwise), the records that pass a filter, at most a count.</summary>
internal static class SortedPage
{
    /// <summary>How many records a raw call returns: its limit (25 000 when none), at most 25 000 and at most the page cap.</summary>
    public static int Take(long? limit, int? pageCap) =>
        (int)Math.Min(Math.Min(limit is null or <= 0 ? RawBouncesRequest.MaxPageSize : limit.Value, RawBouncesRequest.MaxPageSize), pageCap ?? int.MaxValue);

    public static List<T> Select<T>(IReadOnlyList<T> sorted, Func<T, long> idOf, long? start, int take, bool exclusiveStart, Func<T, bool> matches)
    {
        var from = 0;
        if (start is { } s)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                var id = idOf(sorted[mid]);
                if (exclusiveStart ? id <= s : id < s)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            from = lo;
        }

        var page = new List<T>(Math.Min(take, 1024));
        for (var i = from; i < sorted.Count && page.Count < take; i++)
        {
            if (matches(sorted[i]))
            {
                page.Add(sorted[i]);
            }
        }

        return page;
    }
}
