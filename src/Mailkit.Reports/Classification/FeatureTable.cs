using System.Numerics;

namespace Mailkit.Reports.Classification;

/// <summary>
/// An immutable open-addressing map from a feature of <see cref="ExampleFeatures"/> to its number, at most half full, so
/// that a lookup reads one or two slots; faster than a dictionary for the few hundred lookups of one reply.
/// </summary>
internal sealed class FeatureTable
{
    /// <summary>No feature is this value (the largest is a status feature, below 0xE100_0000).</summary>
    public const uint Empty = uint.MaxValue;

    private readonly uint[] _keys;
    private readonly int[] _values;
    private readonly int _shift;

    public FeatureTable(IReadOnlyDictionary<uint, int> numbers)
    {
        var size = (int)Math.Max(16, BitOperations.RoundUpToPowerOf2((uint)(2 * numbers.Count)));
        _shift = 32 - BitOperations.Log2((uint)size);
        _keys = new uint[size];
        _values = new int[size];
        Array.Fill(_keys, Empty);
        foreach (var (key, value) in numbers)
        {
            var slot = Slot(key, _shift);
            while (_keys[slot] != Empty)
            {
                slot = (slot + 1) & (size - 1);
            }

            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    /// <summary>The first slot of a key in a table of 2^(32 - <paramref name="shift"/>) slots (Fibonacci hashing).</summary>
    public static int Slot(uint key, int shift) => (int)((key * 2654435769u) >> shift);

    public bool TryGetValue(uint key, out int value)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key, _shift); _keys[slot] != Empty; slot = (slot + 1) & mask)
        {
            if (_keys[slot] == key)
            {
                value = _values[slot];
                return true;
            }
        }

        value = -1;
        return false;
    }
}
