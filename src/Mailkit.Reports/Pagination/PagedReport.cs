using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Pagination;

/// <summary>
/// What the walker needs to know of one report paged by record ID: its record table, the ID of a record, and how its
/// request carries the start ID and the page size. Every such report is walked by the same <see cref="RecordWalker{TRecord, TRequest}"/>.
/// </summary>
internal abstract class PagedReport<TRecord, TRequest>
    where TRecord : class
    where TRequest : class
{
    /// <summary>Gets the table the records are decoded with.</summary>
    public abstract RecordSchema Schema { get; }

    /// <summary>Gets the function's name.</summary>
    public string FunctionName => Schema.FunctionName;

    /// <summary>Gets a record's ID: unique and ascending, the cursor.</summary>
    public abstract long IdOf(TRecord record);

    /// <summary>Gets the ID a request starts from (inclusive), or <see langword="null"/> for the beginning.</summary>
    public abstract long? StartIdOf(TRequest request);

    /// <summary>Gets the same request starting from another ID.</summary>
    public abstract TRequest WithStartId(TRequest request, long? startId);

    /// <summary>Gets the number of records a request asks for.</summary>
    public abstract int PageSizeOf(TRequest request);

    /// <summary>Gets the same request asking for another number of records.</summary>
    public abstract TRequest WithPageSize(TRequest request, int pageSize);

    /// <summary>
    /// Gets a value indicating whether two requests ask for the same records (the same campaign, send and other
    /// filters), whatever their start ID and page size: a cursor continues only the query it was saved for.
    /// </summary>
    public abstract bool SameFilter(TRequest a, TRequest b);

    /// <summary>Gets what a walk does with a record it cannot read; only raw bounces may set records aside.</summary>
    public virtual InvalidRecordHandling InvalidRecordsOf(TRequest request) => InvalidRecordHandling.Throw;

    /// <summary>Gets the call for one page.</summary>
    public abstract MailkitFunctionCall CallFor(TRequest request);
}
