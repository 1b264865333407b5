namespace Mailkit.Reports.Decoding;

/// <summary>A decoder that turns the bytes of a body into records as they arrive, one whole unit at a time.</summary>
internal interface IChunkDecoder
{
    /// <summary>Gets the most bytes one unit (a record) may take; the decoder refuses a longer one.</summary>
    int MaxUnitBytes { get; }

    /// <summary>
    /// Decodes what it can of <paramref name="data"/>, adding finished records to <paramref name="output"/>, and, when the
    /// response's context says so, the records it set aside, in the order of the body.
    /// </summary>
    /// <returns>How many bytes were consumed; the rest must be passed again, followed by more of the body.</returns>
    int Decode(ReadOnlySpan<byte> data, bool isFinal, List<DecodedRecord> output, CancellationToken cancellationToken);
}
