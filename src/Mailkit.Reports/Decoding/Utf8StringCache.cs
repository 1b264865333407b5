using System.Buffers.Binary;
using System.Text;

namespace Mailkit.Reports.Decoding;

/// <summary>
/// Turns short UTF-8 values into strings, handing back the same string for the same bytes while it stays cached.
/// </summary>
/// <remarks>
/// A page repeats most of its texts: a few dozen server replies, remote MTAs and categories recur across thousands of
/// records. Looking them up by their bytes saves both the UTF-16 transcoding and the allocation. The cache is
/// two-way set-associative: each set keeps its two most recently used values, so two recurring values that share a
/// set do not push each other out. A unique value costs one failed comparison and a copy of its bytes; the cache never
/// grows beyond <see cref="Sets"/> × 2 entries of at most <see cref="MaxBytes"/> bytes.
/// </remarks>
internal sealed class Utf8StringCache
{
    private const int Sets = 512;
    private const int MaxBytes = 256;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Set i is entries 2i (the most recently used) and 2i + 1.</summary>
    private readonly (byte[] Utf8, string Text)?[] _entries = new (byte[], string)?[Sets * 2];

    /// <summary>Gets the string for <paramref name="utf8"/>.</summary>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxBytes)
        {
            return Decode(utf8);
        }

        var first = Set(utf8) * 2;
        var entries = _entries;
        if (entries[first] is { } recent && utf8.SequenceEqual(recent.Utf8))
        {
            return recent.Text;
        }

        if (entries[first + 1] is { } older && utf8.SequenceEqual(older.Utf8))
        {
            (entries[first], entries[first + 1]) = (older, entries[first]);
            return older.Text;
        }

        var text = Decode(utf8);
        entries[first + 1] = entries[first];
        entries[first] = (utf8.ToArray(), text);
        return text;
    }

    /// <summary>Decodes without the cache, failing on bytes that are not UTF-8 rather than replacing them.</summary>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"a value holds bytes that are not UTF-8 (at byte {ex.Index} of the value).", ex);
        }
    }

    /// <summary>A cheap hash of the length, the first, middle and last eight bytes: enough to spread the texts of a page.</summary>
    private static int Set(ReadOnlySpan<byte> utf8)
    {
        ulong hash = (ulong)utf8.Length * 0x9E3779B97F4A7C15UL;
        if (utf8.Length >= 8)
        {
            hash ^= BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            hash = (hash * 0xBF58476D1CE4E5B9UL) ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[(utf8.Length / 2 - 4)..]);
            hash = (hash * 0x94D049BB133111EBUL) ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = (hash * 31) + b;
            }
        }

        hash ^= hash >> 31;
        return (int)(hash % Sets);
    }
}
