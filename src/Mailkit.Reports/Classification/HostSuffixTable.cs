namespace Mailkit.Reports.Classification;

/// <summary>
/// Host suffixes (<c>seznam.cz</c>) looked up by every label boundary of a host, case-insensitively and without
/// allocating: <c>mx1.seznam.cz</c> tries <c>mx1.seznam.cz</c>, <c>seznam.cz</c> and <c>cz</c>.
/// </summary>
internal sealed class HostSuffixTable
{
    private readonly string[] _suffixes;
    private readonly int[] _buckets;
    private readonly int[] _chain;

    public HostSuffixTable(IReadOnlyList<string> suffixes)
    {
        _suffixes = [.. suffixes];
        _buckets = new int[Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(_suffixes.Length * 2)))];
        Array.Fill(_buckets, -1);
        _chain = new int[_suffixes.Length];
        for (var i = 0; i < _suffixes.Length; i++)
        {
            var bucket = Bucket(_suffixes[i]);
            _chain[i] = _buckets[bucket];
            _buckets[bucket] = i;
        }
    }

    /// <summary>Gets a suffix by its index.</summary>
    public string this[int id] => _suffixes[id];

    /// <summary>Reduces a remote MTA (<c>dns; mx1.seznam.cz.</c>) or an address (<c>jan@seznam.cz</c>) to its host.</summary>
    public static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> value)
    {
        var cut = value.LastIndexOfAny(';', '@');
        if (cut >= 0)
        {
            value = value[(cut + 1)..];
        }

        return value.Trim().Trim("[]<>.\"'");
    }

    /// <summary>Appends to <paramref name="ids"/> the suffixes <paramref name="host"/> ends with.</summary>
    /// <returns>The new count.</returns>
    public int Match(ReadOnlySpan<char> host, Span<int> ids, int count)
    {
        if (_suffixes.Length == 0)
        {
            return count;
        }

        while (host.Length > 0 && count < ids.Length)
        {
            for (var i = _buckets[Bucket(host)]; i >= 0; i = _chain[i])
            {
                if (host.Equals(_suffixes[i], StringComparison.OrdinalIgnoreCase) && count < ids.Length)
                {
                    ids[count++] = i;
                }
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            host = host[(dot + 1)..];
        }

        return count;
    }

    private int Bucket(ReadOnlySpan<char> host) =>
        string.GetHashCode(host, StringComparison.OrdinalIgnoreCase) & (_buckets.Length - 1);
}
