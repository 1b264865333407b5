namespace Mailkit.Reports.Decoding;

/// <summary>
/// The keys of a response that are not documented ones spelt exactly (BOUNCE_CAT, SUBJECT, a documented key in
/// another case), each decoded and classified once per response instead of once per record. Holds 64 keys at most.
/// </summary>
internal sealed class ExtraKeyCache(RecordSchema schema)
{
    private const int MaxKeys = 64;
    private readonly List<(byte[] Utf8, string Key, int Field)> _keys = [];

    /// <summary>Gets the key for <paramref name="utf8"/> and what it names.</summary>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public (string Key, int Field) Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, key, field) in _keys)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return (key, field);
            }
        }

        var text = Utf8StringCache.Decode(utf8);
        var classified = schema.Classify(text);
        if (_keys.Count < MaxKeys)
        {
            _keys.Add((utf8.ToArray(), text, classified));
        }

        return (text, classified);
    }
}
