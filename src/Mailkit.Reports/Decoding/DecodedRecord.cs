using Mailkit.Reports.Models;

namespace Mailkit.Reports.Decoding;

/// <summary>One record of a response as a decoder hands it over: the record, or the record it set aside.</summary>
internal readonly struct DecodedRecord
{
    private DecodedRecord(object? record, InvalidBounceRecord? skipped)
    {
        Record = record;
        Skipped = skipped;
    }

    /// <summary>Gets the record, or <see langword="null"/> for a record set aside.</summary>
    public object? Record { get; }

    /// <summary>Gets the record set aside, or <see langword="null"/> for a record.</summary>
    public InvalidBounceRecord? Skipped { get; }

    public static DecodedRecord Of(object record) => new(record, null);

    public static DecodedRecord SetAside(InvalidBounceRecord skipped) => new(null, skipped);

    /// <summary>The record, or, for one set aside, the exception <see cref="InvalidRecordHandling.Throw"/> throws for it.</summary>
    public static object RecordOrThrow(DecodedRecord item) => item.Record ?? throw item.Skipped!.Exception;
}
