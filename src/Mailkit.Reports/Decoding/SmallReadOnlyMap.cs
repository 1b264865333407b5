using System.Diagnostics.CodeAnalysis;

namespace Mailkit.Reports.Decoding;

/// <summary>
/// A read-only map for the few extra fields of a record: two arrays searched in order. A record carries a handful of
/// unknown keys at most, where a <see cref="Dictionary{TKey, TValue}"/> and a read-only wrapper would cost several
/// objects per record.
/// </summary>
internal sealed class SmallReadOnlyMap : IReadOnlyDictionary<string, string>
{
    private readonly string[] _keys;
    private readonly string[] _values;

    /// <summary>Creates the map, reusing <paramref name="previousKeys"/> when it holds the same keys in the same order.</summary>
    /// <remarks>The records of a page mostly carry the same extra keys, so consecutive maps can share one key array.</remarks>
    public SmallReadOnlyMap(List<KeyValuePair<string, string>> pairs, string[]? previousKeys)
    {
        var shared = previousKeys is not null && SameKeys(pairs, previousKeys);
        _keys = shared ? previousKeys! : new string[pairs.Count];
        _values = new string[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!shared)
            {
                _keys[i] = pairs[i].Key;
            }

            _values[i] = pairs[i].Value;
        }
    }

    /// <summary>Gets the key array, for the next map to share.</summary>
    internal string[] KeyArray => _keys;

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string> Values => _values;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The record has no extra field '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool SameKeys(List<KeyValuePair<string, string>> pairs, string[] keys)
    {
        if (pairs.Count != keys.Length)
        {
            return false;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (!string.Equals(pairs[i].Key, keys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
