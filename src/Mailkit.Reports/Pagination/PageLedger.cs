namespace Mailkit.Reports.Pagination;

/// <summary>The IDs yielded from the current page: an ascending list while the server keeps order, and a set for any late arrival.</summary>
internal sealed class PageLedger
{
    private readonly List<long> _ascending = [];
    private readonly HashSet<long> _late = [];

    public void Clear()
    {
        _ascending.Clear();
        _late.Clear();
    }

    public bool TryAdd(long id)
    {
        if (_ascending.Count == 0 || id > _ascending[^1])
        {
            _ascending.Add(id);
            return true;
        }

        return _ascending.BinarySearch(id) < 0 && _late.Add(id);
    }
}
