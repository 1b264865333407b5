namespace Mailkit.Reports.Models;

/// <summary>The date cursor of <c>mailkit.mailinglist.unsubscribed</c>: which day to ask from, and what of the answer is new.</summary>
internal static class UnsubscribeCursor
{
    /// <summary>The day asked for when nothing was received yet: Mailkit's answer without <c>range_from</c> is not documented.</summary>
    public static readonly DateOnly Beginning = new(1970, 1, 1);

    /// <summary>
    /// The day before that of <see cref="UnsubscribesRequest.After"/> in the report zone. Whether Mailkit reads
    /// <c>range_from</c> as inclusive, and in which zone it counts its day, is not documented: a server that answers
    /// only from the day after it would lose what arrives later on the last day, so two days are asked for again.
    /// </summary>
    public static DateOnly DayToAsk(UnsubscribesRequest request, TimeZoneInfo zone) =>
        request.After is { } after ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime).AddDays(-1) : Beginning;

    /// <summary>
    /// Keeps what the caller has not received, oldest first: records after <see cref="UnsubscribesRequest.After"/>, and
    /// those at it whose key is not known. A record whose time cannot be read is kept (it cannot be placed), so a store
    /// keys rows by <see cref="UnsubscribeRecord.Key"/>.
    /// </summary>
    public static ReportPage<UnsubscribeRecord, UnsubscribesRequest> Page(UnsubscribesRequest request, List<UnsubscribeRecord> received)
    {
        var after = request.After;
        var known = new HashSet<string>(request.KnownAtAfter, StringComparer.Ordinal);
        var fresh = new List<UnsubscribeRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in received)
        {
            var isNew = after is not { } a || record.Date is not { } date || date > a || (date == a && !known.Contains(record.Key));
            if (isNew && seen.Add(record.Key))
            {
                fresh.Add(record);
            }
        }

        fresh.Sort(static (x, y) => Nullable.Compare(x.Date, y.Date));
        var newest = after;
        foreach (var record in fresh)
        {
            if (record.Date is { } date && (newest is null || date > newest))
            {
                newest = date;
            }
        }

        var keys = new List<string>();
        if (newest == after)
        {
            keys.AddRange(request.KnownAtAfter);
        }

        foreach (var record in fresh)
        {
            if (record.Date is { } date && date == newest)
            {
                keys.Add(record.Key);
            }
        }

        return new ReportPage<UnsubscribeRecord, UnsubscribesRequest>(fresh, new UnsubscribesRequest { After = newest, KnownAtAfter = keys });
    }
}
