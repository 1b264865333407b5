using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>What a walk yields: a new record, a record set aside, or the end of a page with the request that continues after it.</summary>
internal readonly struct WalkItem<TRecord, TRequest>
    where TRecord : class
    where TRequest : class
{
    private WalkItem(TRecord? record, InvalidBounceRecord? skipped, TRequest? nextRequest)
    {
        Record = record;
        Skipped = skipped;
        NextRequest = nextRequest;
    }

    /// <summary>Gets the record, or <see langword="null"/> for a record set aside or the end of a page.</summary>
    public TRecord? Record { get; }

    /// <summary>Gets the record set aside under <see cref="InvalidRecordHandling.Skip()"/>, or <see langword="null"/>.</summary>
    public InvalidBounceRecord? Skipped { get; }

    /// <summary>Gets the request that continues the walk after the page that ended, or <see langword="null"/> for a record.</summary>
    public TRequest? NextRequest { get; }

    public static WalkItem<TRecord, TRequest> Of(TRecord record) => new(record, null, null);

    public static WalkItem<TRecord, TRequest> SetAside(InvalidBounceRecord skipped) => new(null, skipped, null);

    public static WalkItem<TRecord, TRequest> PageEnd(TRequest nextRequest) => new(null, null, nextRequest);
}
