using Mailkit.Reports.Models;

namespace Mailkit.Reports;

/// <summary>
/// A client of Mailkit's reporting API. Implemented by <see cref="MailkitClient"/>; mock it in your own tests,
/// or use the emulator in <c>Mailkit.Reports.Testing</c>.
/// </summary>
public interface IMailkitClient
{
    /// <summary>Calls <c>mailkit.report.raw.bounces</c> once and returns that one page.</summary>
    /// <param name="request">The filters, the start ID and the page size.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page's records in the order received, and the request for the page after it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/>, or its <see cref="RawBouncesRequest.InvalidRecords"/>, is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="request"/> is out of range.</exception>
    /// <exception cref="MailkitAuthenticationException">Mailkit refused the client ID or md5.</exception>
    /// <exception cref="MailkitIpNotAllowedException">Mailkit refused the caller's IP address.</exception>
    /// <exception cref="MailkitApiException">Mailkit answered with another error.</exception>
    /// <exception cref="MailkitProtocolException">The response is not what the API sends.</exception>
    /// <exception cref="MailkitHttpException">The server answered with an HTTP error status.</exception>
    /// <exception cref="MailkitNetworkException">The call failed on the network.</exception>
    /// <exception cref="MailkitTimeoutException">The call did not complete in time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Walks every raw bounce from <see cref="RawBouncesRequest.StartId"/> on, page after page, yielding each record exactly once
    /// in ascending <see cref="BounceRecord.UndeliveredLogId"/> order, as it arrives.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The walk ends at the first page that brings no new record (a page shorter than asked is not the end, unless
    /// <see cref="MailkitClientOptions.StopAtShortPage"/> is set). A body that fails while it is read is asked for again
    /// from the last record yielded, within <see cref="Resilience.MailkitRetryOptions.MaxRetryAttempts"/>.
    /// </para>
    /// <para>
    /// When the walk ends in a <see cref="MailkitException"/>, its <see cref="MailkitException.ResumeRequest"/> continues
    /// the walk exactly: a new walk from it yields the records this one had not yet yielded, and no other.
    /// Nothing is sent until the enumeration starts; cancel it with <c>WithCancellation</c> or the token.
    /// </para>
    /// </remarks>
    /// <param name="request">The filters, the ID to start from (null: the beginning) and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk and releases the connection.</param>
    /// <returns>The records, streamed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/>, or its <see cref="RawBouncesRequest.InvalidRecords"/>, is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="request"/> is out of range.</exception>
    /// <exception cref="MailkitException">
    /// The walk failed; the subtypes are those of <see cref="GetRawBouncesAsync"/>, and
    /// <see cref="MailkitException.ResumeRequest"/> says where to continue.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Walks every raw bounce like <see cref="GetAllRawBouncesAsync"/>, one page at a time: after each page,
    /// <see cref="BouncePage.NextRequest"/> is the cursor to persist so that a later walk continues after that page.
    /// </summary>
    /// <remarks>
    /// When the walk fails part-way through a page, the records of that page already received are handed over first as a
    /// last, shorter page; the <see cref="MailkitException"/> follows, and its <see cref="MailkitException.ResumeRequest"/>
    /// is that page's <see cref="BouncePage.NextRequest"/>: the first record the caller has not received.
    /// </remarks>
    /// <param name="request">The filters, the ID to start from (null: the beginning) and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk and releases the connection.</param>
    /// <returns>
    /// The pages that brought new records (or, under <see cref="InvalidRecordHandling.Skip()"/>, records set aside, in
    /// <see cref="BouncePage.SkippedRecords"/>), each with the request that continues after it.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/>, or its <see cref="RawBouncesRequest.InvalidRecords"/>, is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="request"/> is out of range.</exception>
    /// <exception cref="MailkitException">The walk failed; <see cref="MailkitException.ResumeRequest"/> says where to continue.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default);
}
