namespace Mailkit.Reports.Cli.Report;

/// <summary>The messages' totals: in all, undated, by period, by domain, by domain and period, and by campaign.</summary>
internal sealed class MessageTotals
{
    public long Total { get; set; }

    public long Undated { get; set; }

    public string? Newest { get; set; }

    public Dictionary<string, long> ByPeriod { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByDomain { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Domain, string Period), long> ByDomainPeriod { get; } = [];

    /// <summary>Gets the messages by Mailkit's message ID (the campaign); -1 for none.</summary>
    public Dictionary<long, long> ByCampaign { get; } = [];

    /// <summary>Adds the totals of another range of messages.</summary>
    public void Add(MessageTotals other)
    {
        Total += other.Total;
        Undated += other.Undated;
        if (string.CompareOrdinal(other.Newest, Newest) > 0)
        {
            Newest = other.Newest;
        }

        Merge(ByPeriod, other.ByPeriod);
        Merge(ByDomain, other.ByDomain);
        Merge(ByDomainPeriod, other.ByDomainPeriod);
        Merge(ByCampaign, other.ByCampaign);
    }

    private static void Merge<TKey>(Dictionary<TKey, long> into, Dictionary<TKey, long> from)
        where TKey : notnull
    {
        foreach (var (key, count) in from)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}
