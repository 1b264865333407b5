using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>What a walk yields: a new record, or the end of a page with the request that continues after it.</summary>
internal readonly struct WalkItem
{
    private WalkItem(BounceRecord? record, RawBouncesRequest? nextRequest)
    {
        Record = record;
        NextRequest = nextRequest;
    }

    /// <summary>Gets the record, or <see langword="null"/> at the end of a page.</summary>
    public BounceRecord? Record { get; }

    /// <summary>Gets the request that continues the walk after the page that ended, or <see langword="null"/> for a record.</summary>
    public RawBouncesRequest? NextRequest { get; }

    public static WalkItem Of(BounceRecord record) => new(record, null);

    public static WalkItem PageEnd(RawBouncesRequest nextRequest) => new(null, nextRequest);
}
