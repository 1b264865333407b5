namespace Mailkit.Reports.Classification;

/// <summary>
/// Host suffixes (<c>seznam.cz</c>) looked up by the label boundaries of a host, case-insensitively and without
/// allocating: <c>mx1.seznam.cz</c> tries <c>mx1.seznam.cz</c>, <c>seznam.cz</c> and <c>cz</c>.
/// </summary>
/// <remarks>
/// Only the boundaries within the longest suffix's length from the right end are tried, so the work per host is
/// bounded by the table, not by the host: a hostile 1 MiB remote MTA costs one scan to find its host and a few
/// look-ups of at most that length.
/// </remarks>
internal sealed class HostSuffixTable
{
    private static readonly System.Buffers.SearchValues<char> HostEnd = System.Buffers.SearchValues.Create(" \t\r\n[]()<>\"',;");
    private readonly string[] _suffixes;
    private readonly int[] _buckets;
    private readonly int[] _chain;
    private readonly int _longest;

    public HostSuffixTable(IReadOnlyList<string> suffixes)
    {
        _suffixes = [.. suffixes];
        _buckets = new int[Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(_suffixes.Length * 2)))];
        Array.Fill(_buckets, -1);
        _chain = new int[_suffixes.Length];
        var labels = 0;
        for (var i = 0; i < _suffixes.Length; i++)
        {
            var bucket = Bucket(_suffixes[i]);
            _chain[i] = _buckets[bucket];
            _buckets[bucket] = i;
            _longest = Math.Max(_longest, _suffixes[i].Length);
            labels = Math.Max(labels, _suffixes[i].AsSpan().Count('.') + 1);
        }

        MaxMatchesPerHost = labels;
    }

    /// <summary>
    /// Gets the most suffixes one host can end with: the suffixes are distinct and each ends at a label boundary, so
    /// at most one per label of the longest suffix.
    /// </summary>
    public int MaxMatchesPerHost { get; }

    /// <summary>Gets a suffix by its index.</summary>
    public string this[int id] => _suffixes[id];

    /// <summary>
    /// Reduces a remote MTA (<c>dns; mx1.seznam.cz.</c>, <c>mx1.seznam.cz [192.0.2.1]</c>) or an address
    /// (<c>jan@seznam.cz</c>, <c>Jan &lt;jan@seznam.cz&gt;</c>) to its host, in one pass.
    /// </summary>
    public static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> value)
    {
        var at = value.LastIndexOf('@');
        var cut = at >= 0 ? at : value.IndexOf(';');
        if (cut >= 0)
        {
            value = value[(cut + 1)..];
        }

        value = value.TrimStart().TrimStart("[<(\"'");

        // The host ends where a space, an address literal or a comment starts: "mx.example.cz [192.0.2.1]".
        var end = value.IndexOfAny(HostEnd);
        if (end >= 0)
        {
            value = value[..end];
        }

        return value.Trim('.');
    }

    /// <summary>Appends to <paramref name="ids"/> the suffixes <paramref name="host"/> ends with.</summary>
    /// <param name="host">The host, as <see cref="HostOf"/> gives it.</param>
    /// <param name="ids">Where the indexes go; it must have room for <see cref="MaxMatchesPerHost"/> more.</param>
    /// <param name="count">How many <paramref name="ids"/> already holds.</param>
    /// <returns>The new count.</returns>
    public int Match(ReadOnlySpan<char> host, Span<int> ids, int count) => Match(host, ids, count, out _);

    /// <summary>As <see cref="Match(ReadOnlySpan{char}, Span{int}, int)"/>, counting the suffix look-ups it made.</summary>
    internal int Match(ReadOnlySpan<char> host, Span<int> ids, int count, out int probes)
    {
        probes = 0;
        if (_suffixes.Length == 0 || host.IsEmpty)
        {
            return count;
        }

        // Skip to the first label boundary from which a suffix could still fit.
        var start = host.Length - _longest;
        if (start > 0)
        {
            var dot = host[(start - 1)..].IndexOf('.');
            if (dot < 0)
            {
                return count;
            }

            host = host[(start + dot)..];
        }

        while (host.Length > 0)
        {
            probes++;
            for (var i = _buckets[Bucket(host)]; i >= 0; i = _chain[i])
            {
                if (host.Equals(_suffixes[i], StringComparison.OrdinalIgnoreCase))
                {
                    ids[count++] = i;
                    break;
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
