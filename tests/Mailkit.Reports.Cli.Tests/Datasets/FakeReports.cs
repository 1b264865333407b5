using System.Runtime.CompilerServices;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Tests.Datasets;

/// <summary>
/// A client that serves fixed raw messages, responses, unsubscriptions and campaigns, paging the raw reports by ID as
/// Mailkit does; it can fail the page after a given number, as a connection that drops mid-way.
/// </summary>
internal sealed class FakeReports : IMailkitClient
{
    public List<RawMessageRecord> Messages { get; } = [];

    public List<RawResponseRecord> Responses { get; } = [];

    public List<UnsubscribeRecord> Unsubscribes { get; } = [];

    public List<CampaignRecord> Campaigns { get; } = [];

    public List<CampaignSendRecord> Sends { get; } = [];

    public List<MessageBounceRecord> MessageBounces { get; } = [];

    /// <summary>Gets or sets how many pages are served before the next one fails; <see langword="null"/> for never.</summary>
    public int? FailAfterPages { get; set; }

    /// <summary>Gets the <c>After</c> of every unsubscription request, in order.</summary>
    public List<DateTimeOffset?> UnsubscribeRequests { get; } = [];

    public Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async IAsyncEnumerable<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagePagesAsync(
        RawMessagesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (records, next) in PagesAsync(Messages, m => m.SendMessageId, request.StartId, request.PageSize))
        {
            yield return new ReportPage<RawMessageRecord, RawMessagesRequest>(records, request with { StartId = next });
        }
    }

    public async IAsyncEnumerable<ReportPage<RawResponseRecord, RawResponsesRequest>> GetRawResponsePagesAsync(
        RawResponsesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (records, next) in PagesAsync(Responses, r => r.LogId, request.StartId, request.PageSize))
        {
            yield return new ReportPage<RawResponseRecord, RawResponsesRequest>(records, request with { StartId = next });
        }
    }

    /// <summary>Mailkit's day-long overlap: every unsubscription from the day of <c>After</c> on, in UTC days.</summary>
    public Task<ReportPage<UnsubscribeRecord, UnsubscribesRequest>> GetUnsubscribesAsync(UnsubscribesRequest request, CancellationToken cancellationToken = default)
    {
        UnsubscribeRequests.Add(request.After);
        var from = request.After?.UtcDateTime.Date;
        var records = Unsubscribes.Where(u => from is null || u.Date!.Value.UtcDateTime >= from).OrderBy(u => u.Date).ToList();
        var newest = records.Count == 0 ? request.After : records.Max(u => u.Date);
        return Task.FromResult(new ReportPage<UnsubscribeRecord, UnsubscribesRequest>(records, new UnsubscribesRequest { After = newest }));
    }

    public Task<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(long? campaignId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignRecord>>([.. Campaigns.Where(c => campaignId is null || c.CampaignId == campaignId)]);

    public Task<IReadOnlyList<CampaignSendRecord>> GetCampaignSendsAsync(
        long campaignId, DateOnly? rangeFrom = null, DateOnly? rangeTo = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CampaignSendRecord>>([.. Sends.Where(s => s.CampaignId == campaignId)]);

    public Task<IReadOnlyList<MessageBounceRecord>> GetMessageBouncesAsync(long sendId, CancellationToken cancellationToken = default)
    {
        if (FailAfterPages is 0)
        {
            throw new MailkitNetworkException("The connection dropped.");
        }

        FailAfterPages--;
        return Task.FromResult<IReadOnlyList<MessageBounceRecord>>([.. MessageBounces.Where(b => b.SendId == sendId)]);
    }

    private async IAsyncEnumerable<(List<T> Records, long Next)> PagesAsync<T>(List<T> all, Func<T, long> id, long? start, int size)
    {
        var rest = all.Where(r => id(r) >= (start ?? 0)).OrderBy(id).ToList();
        for (var i = 0; i < rest.Count; i += size)
        {
            if (FailAfterPages is 0)
            {
                throw new MailkitNetworkException("The connection dropped.");
            }

            FailAfterPages--;
            await Task.Yield();
            var page = rest.Skip(i).Take(size).ToList();
            yield return (page, id(page[^1]) + 1);
        }
    }
}
