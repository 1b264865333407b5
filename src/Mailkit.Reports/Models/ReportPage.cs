namespace Mailkit.Reports.Models;

/// <summary>One page of a report's records and the request that continues after it.</summary>
/// <typeparam name="TRecord">The record type, for example <see cref="RawMessageRecord"/>.</typeparam>
/// <typeparam name="TRequest">The request type, for example <see cref="RawMessagesRequest"/>.</typeparam>
public sealed class ReportPage<TRecord, TRequest>
    where TRecord : class
    where TRequest : class
{
    /// <summary>Initializes a new page.</summary>
    /// <param name="records">The records, in the order received.</param>
    /// <param name="nextRequest">The request that continues after this page.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ReportPage(IReadOnlyList<TRecord> records, TRequest nextRequest)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(nextRequest);
        Records = records;
        NextRequest = nextRequest;
    }

    /// <summary>Gets the records of the page, in the order received.</summary>
    public IReadOnlyList<TRecord> Records { get; }

    /// <summary>Gets the request for the records after this page. Persist it to continue later.</summary>
    public TRequest NextRequest { get; }
}
