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

    /// <summary>Calls <c>mailkit.report.raw.messages</c> once and returns that one page: one record per message sent.</summary>
    /// <param name="request">The filters, the start ID (<c>ID_send_message</c>) and the page size.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page's records in the order received, and the request for the page after it.</returns>
    /// <exception cref="MailkitException">The call failed; the subtypes are those of <see cref="GetRawBouncesAsync"/>.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw messages.</exception>
    Task<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetRawMessagesAsync));

    /// <summary>
    /// Walks every raw message from <see cref="RawMessagesRequest.StartId"/> on, yielding each exactly once in ascending
    /// <see cref="RawMessageRecord.SendMessageId"/> order, with the guarantees of <see cref="GetAllRawBouncesAsync"/>: a
    /// failure's <see cref="MailkitException.GetResumeRequest{TRequest}"/> continues the walk exactly.
    /// </summary>
    /// <param name="request">The filters, the ID to start from and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk.</param>
    /// <returns>The records, streamed.</returns>
    /// <exception cref="MailkitException">The walk failed; <see cref="MailkitException.GetResumeRequest{TRequest}"/> says where to continue.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw messages.</exception>
    IAsyncEnumerable<RawMessageRecord> GetAllRawMessagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetAllRawMessagesAsync));

    /// <summary>Walks every raw message like <see cref="GetAllRawMessagesAsync"/>, one page at a time, each with the cursor that continues after it.</summary>
    /// <param name="request">The filters, the ID to start from and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk.</param>
    /// <returns>The pages that brought new records.</returns>
    /// <exception cref="MailkitException">The walk failed; <see cref="MailkitException.GetResumeRequest{TRequest}"/> says where to continue.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw messages.</exception>
    IAsyncEnumerable<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagePagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetRawMessagePagesAsync));

    /// <summary>Calls <c>mailkit.report.raw.responses</c> once and returns that one page: opens, clicks and unsubscribes.</summary>
    /// <param name="request">The filters, the start ID (<c>ID_log</c>) and the page size.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page's records in the order received, and the request for the page after it.</returns>
    /// <exception cref="MailkitException">The call failed; the subtypes are those of <see cref="GetRawBouncesAsync"/>.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw responses.</exception>
    Task<ReportPage<RawResponseRecord, RawResponsesRequest>> GetRawResponsesAsync(RawResponsesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetRawResponsesAsync));

    /// <summary>Walks every raw response from <see cref="RawResponsesRequest.StartId"/> on, each exactly once, in ascending <see cref="RawResponseRecord.LogId"/> order.</summary>
    /// <param name="request">The filters, the ID to start from and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk.</param>
    /// <returns>The records, streamed.</returns>
    /// <exception cref="MailkitException">The walk failed; <see cref="MailkitException.GetResumeRequest{TRequest}"/> says where to continue.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw responses.</exception>
    IAsyncEnumerable<RawResponseRecord> GetAllRawResponsesAsync(RawResponsesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetAllRawResponsesAsync));

    /// <summary>Walks every raw response like <see cref="GetAllRawResponsesAsync"/>, one page at a time.</summary>
    /// <param name="request">The filters, the ID to start from and the page size.</param>
    /// <param name="cancellationToken">A token that stops the walk.</param>
    /// <returns>The pages that brought new records.</returns>
    /// <exception cref="MailkitException">The walk failed; <see cref="MailkitException.GetResumeRequest{TRequest}"/> says where to continue.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read raw responses.</exception>
    IAsyncEnumerable<ReportPage<RawResponseRecord, RawResponsesRequest>> GetRawResponsePagesAsync(RawResponsesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetRawResponsePagesAsync));

    /// <summary>Calls <c>mailkit.report.message.bounces</c>: the bounces of one send, each with its date. Mailkit does not page it.</summary>
    /// <param name="sendId">The send (<c>ID_send</c>).</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The bounces, each with <see cref="MessageBounceRecord.SendId"/> set to <paramref name="sendId"/>.</returns>
    /// <exception cref="MailkitException">The call failed; an unknown send is a <see cref="MailkitApiException"/>.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read message bounces.</exception>
    Task<IReadOnlyList<MessageBounceRecord>> GetMessageBouncesAsync(long sendId, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetMessageBouncesAsync));

    /// <summary>Calls <c>mailkit.report.message.recipients</c>: each recipient of one send and its message's state. Mailkit does not page it.</summary>
    /// <param name="sendId">The send (<c>ID_send</c>).</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The recipients, each with <see cref="MessageRecipientRecord.SendId"/> set to <paramref name="sendId"/>.</returns>
    /// <exception cref="MailkitException">The call failed; an unknown send is a <see cref="MailkitApiException"/>.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read message recipients.</exception>
    Task<IReadOnlyList<MessageRecipientRecord>> GetMessageRecipientsAsync(long sendId, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetMessageRecipientsAsync));

    /// <summary>Calls <c>mailkit.campaigns.list</c>: the account's campaigns, or one of them.</summary>
    /// <param name="campaignId">One campaign (<c>ID_message</c>), or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The campaigns; empty for an unknown campaign.</returns>
    /// <exception cref="MailkitException">The call failed.</exception>
    /// <exception cref="NotSupportedException">This implementation does not list campaigns.</exception>
    Task<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(long? campaignId = null, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetCampaignsAsync));

    /// <summary>Calls <c>mailkit.report.campaign</c>: the sends of one campaign, optionally between two days.</summary>
    /// <param name="campaignId">The campaign (<c>ID_message</c>).</param>
    /// <param name="rangeFrom">The first day (<c>range_from</c>), or <see langword="null"/>.</param>
    /// <param name="rangeTo">The last day (<c>range_to</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The sends, each with <see cref="CampaignSendRecord.CampaignId"/> set to <paramref name="campaignId"/>.</returns>
    /// <exception cref="MailkitException">The call failed.</exception>
    /// <exception cref="NotSupportedException">This implementation does not list sends.</exception>
    Task<IReadOnlyList<CampaignSendRecord>> GetCampaignSendsAsync(
        long campaignId, DateOnly? rangeFrom = null, DateOnly? rangeTo = null, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetCampaignSendsAsync));

    /// <summary>
    /// Calls <c>mailkit.mailinglist.unsubscribed</c> from the day before that of <see cref="UnsubscribesRequest.After"/> on, and
    /// returns the unsubscriptions not yet received, oldest first, with the request that continues after them.
    /// </summary>
    /// <param name="request">Where the previous call ended; a new request reads every unsubscription.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The new unsubscriptions and the next request.</returns>
    /// <exception cref="MailkitException">The call failed.</exception>
    /// <exception cref="NotSupportedException">This implementation does not read unsubscriptions.</exception>
    Task<ReportPage<UnsubscribeRecord, UnsubscribesRequest>> GetUnsubscribesAsync(UnsubscribesRequest request, CancellationToken cancellationToken = default) =>
        throw NotSupported(nameof(GetUnsubscribesAsync));

    private static NotSupportedException NotSupported(string method) =>
        new($"This implementation of {nameof(IMailkitClient)} does not implement {method}; {nameof(MailkitClient)} does.");
}
