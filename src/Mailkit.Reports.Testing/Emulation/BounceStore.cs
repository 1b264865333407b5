namespace Mailkit.Reports.Testing.Emulation;

/// <summary>The emulator's data set: bounces kept in ascending ID order, one per ID. Thread-safe.</summary>
internal sealed class BounceStore
{
    private readonly object _gate = new();
    private readonly List<EmulatedBounce> _bounces = [];

    /// <summary>Returns a copy of the data set, in ascending ID order.</summary>
    public IReadOnlyList<EmulatedBounce> Snapshot()
    {
        lock (_gate)
        {
            return [.. _bounces];
        }
    }

    /// <summary>Adds bounces; one whose ID is already present replaces the old one.</summary>
    public void AddOrReplace(IEnumerable<EmulatedBounce> bounces)
    {
        lock (_gate)
        {
            var byId = _bounces.ToDictionary(b => b.UndeliveredLogId);
            foreach (var bounce in bounces)
            {
                byId[bounce.UndeliveredLogId] = bounce;
            }

            _bounces.Clear();
            _bounces.AddRange(byId.Values.OrderBy(b => b.UndeliveredLogId));
        }
    }

    /// <summary>Returns at most <paramref name="take"/> bounces of a page, from <paramref name="start"/> on (inclusive unless <paramref name="exclusiveStart"/>).</summary>
    public List<EmulatedBounce> Select(long? campaign, long? send, long? start, int take, bool exclusiveStart)
    {
        lock (_gate)
        {
            return SortedPage.Select(_bounces, b => b.UndeliveredLogId, start, take, exclusiveStart, b => Matches(b, campaign, send));
        }
    }

    /// <summary>Whether a bounce passes the campaign and send filters; <see langword="null"/> or 0 means no filter, as in Mailkit.</summary>
    public static bool Matches(EmulatedBounce bounce, long? campaignId, long? sendId) =>
        (campaignId is null or 0 || bounce.CampaignId == campaignId) && (sendId is null or 0 || bounce.SendId == sendId);
}
