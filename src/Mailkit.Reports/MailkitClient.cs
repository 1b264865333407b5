using System.Net;
using Mailkit.Reports.Decoding.Schemas;
using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Pipeline;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailkit.Reports;

/// <summary>
/// The client of Mailkit's reporting API. Thread-safe: one instance serves many concurrent calls.
/// </summary>
/// <example>
/// <code>
/// using var client = new MailkitClient(new MailkitClientOptions { ClientId = 12345, ClientMd5 = md5 });
/// BouncePage page = await client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 678 });
/// </code>
/// </example>
public class MailkitClient : IMailkitClient, IDisposable
{
    private readonly HttpClient _httpClient = null!;
    private readonly bool _ownsHttpClient;
    private readonly MailkitClientOptions _options = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly RawBouncesInvoker _invoker = null!;
    private readonly AccountRateLimiterRegistry? _registry;
    private readonly AccountRateLimiter? _rateLimiter;
    private readonly TimeZoneInfo _reportTimeZone = Decoding.ReportTime.DefaultZone;
    private int _disposed;

    /// <summary>Initializes a new client that builds and owns its <see cref="HttpClient"/>.</summary>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(MailkitClientOptions options)
        : this(CreateHttpClient(), ownsHttpClient: true, options, loggerFactory: null, AccountRateLimiterRegistry.Default)
    {
    }

    /// <summary>Initializes a new client that builds and owns its <see cref="HttpClient"/> and logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <param name="loggerFactory">Where the client logs calls, retries and rate-limit waits; <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(MailkitClientOptions options, ILoggerFactory? loggerFactory)
        : this(CreateHttpClient(), ownsHttpClient: true, options, loggerFactory, AccountRateLimiterRegistry.Default)
    {
    }

    /// <summary>Initializes a new client that sends through the given <see cref="HttpClient"/>, for example a typed client from DI.</summary>
    /// <param name="httpClient">
    /// The client to send through; the caller keeps ownership. Its base address is not used. Its handler must not follow
    /// redirects (<c>AllowAutoRedirect = false</c>): one that does has posted the md5 to the new address before the client
    /// can refuse the answer, which then ends the call with a <see cref="MailkitHttpException"/> that is never retried.
    /// </param>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(HttpClient httpClient, MailkitClientOptions options)
        : this(httpClient, ownsHttpClient: false, options, loggerFactory: null, AccountRateLimiterRegistry.Default)
    {
    }

    /// <summary>Initializes a new client that sends through the given <see cref="HttpClient"/> and logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="httpClient">
    /// The client to send through; the caller keeps ownership. Its base address is not used. Set its <see cref="HttpClient.Timeout"/>
    /// to <see cref="Timeout.InfiniteTimeSpan"/>: <see cref="MailkitClientOptions.AttemptTimeout"/> and
    /// <see cref="MailkitClientOptions.CallTimeout"/> are the timeouts that apply.
    /// Its handler must not follow redirects (<c>AllowAutoRedirect = false</c>): one that does has posted the md5 to the new
    /// address before the client can refuse the answer, which then ends the call with a <see cref="MailkitHttpException"/>
    /// that is never retried.
    /// </param>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <param name="loggerFactory">Where the client logs calls, retries and rate-limit waits; <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(HttpClient httpClient, MailkitClientOptions options, ILoggerFactory? loggerFactory)
        : this(httpClient, ownsHttpClient: false, options, loggerFactory, AccountRateLimiterRegistry.Default)
    {
    }

    /// <summary>Initializes a new client whose account limits come from <paramref name="registry"/> (the one DI owns).</summary>
    internal MailkitClient(HttpClient httpClient, MailkitClientOptions options, ILoggerFactory? loggerFactory, AccountRateLimiterRegistry registry)
        : this(httpClient, ownsHttpClient: false, options, loggerFactory, registry)
    {
    }

    /// <summary>Initializes a new instance for mocking.</summary>
    protected MailkitClient()
    {
    }

    private MailkitClient(HttpClient httpClient, bool ownsHttpClient, MailkitClientOptions options, ILoggerFactory? loggerFactory, AccountRateLimiterRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _options = options.ValidateAndCopy(nameof(options));
        }
        catch
        {
            if (ownsHttpClient)
            {
                httpClient.Dispose();
            }

            throw;
        }

        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _logger = loggerFactory?.CreateLogger<MailkitClient>() ?? (ILogger)NullLogger.Instance;
        _registry = registry;
        _rateLimiter = registry.Rent(MailkitAccount.From(_options), _options.RateLimit, _options.TimeProvider);
        _invoker = new RawBouncesInvoker(httpClient, _options, _logger, _rateLimiter);
        _reportTimeZone = _options.ResolveReportTimeZone();
    }

    /// <inheritdoc />
    public virtual async Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));

        var records = new List<BounceRecord>();
        List<InvalidBounceRecord>? skipped = null;
        long? highest = null;
        await foreach (var item in _invoker.ReadAsync(request, default, cancellationToken).ConfigureAwait(false))
        {
            long id;
            if (item.Record is BounceRecord record)
            {
                records.Add(record);
                id = record.UndeliveredLogId;
            }
            else
            {
                await request.InvalidRecords.OnSkippedAsync(item.Skipped!, cancellationToken).ConfigureAwait(false);
                (skipped ??= []).Add(item.Skipped!);
                id = item.Skipped!.UndeliveredLogId;
            }

            if (highest is null || id > highest)
            {
                highest = id;
            }
        }

        var nextStart = highest is { } h ? Cursor.NextAfter(h) : request.StartId ?? 0;
        return new BouncePage(records, request with { StartId = nextStart }) { SkippedRecords = (IReadOnlyList<InvalidBounceRecord>?)skipped ?? [] };
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return BounceWalks.RecordsAsync(NewWalker(request), cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return BounceWalks.PagesAsync(NewWalker(request), cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return ReadPageAsync(RawMessagesReport.Instance, request, cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<RawMessageRecord> GetAllRawMessagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return Walks.RecordsAsync(NewWalker(RawMessagesReport.Instance, request), cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagePagesAsync(
        RawMessagesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return Walks.PagesAsync(
            NewWalker(RawMessagesReport.Instance, request),
            static (records, _, next) => new ReportPage<RawMessageRecord, RawMessagesRequest>(records, next),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<ReportPage<RawResponseRecord, RawResponsesRequest>> GetRawResponsesAsync(RawResponsesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return ReadPageAsync(RawResponsesReport.Instance, request, cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<RawResponseRecord> GetAllRawResponsesAsync(RawResponsesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return Walks.RecordsAsync(NewWalker(RawResponsesReport.Instance, request), cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ReportPage<RawResponseRecord, RawResponsesRequest>> GetRawResponsePagesAsync(
        RawResponsesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return Walks.PagesAsync(
            NewWalker(RawResponsesReport.Instance, request),
            static (records, _, next) => new ReportPage<RawResponseRecord, RawResponsesRequest>(records, next),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<MessageBounceRecord>> GetMessageBouncesAsync(long sendId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sendId);
        var records = await ReadWholeAsync<MessageBounceRecord>(
            MailkitFunctionCall.ForSend(MailkitFunctionCall.MessageBouncesFunction, sendId), MessageBounceSchema.Instance, cancellationToken).ConfigureAwait(false);
        return records.ConvertAll(r => r with { SendId = sendId });
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<MessageRecipientRecord>> GetMessageRecipientsAsync(long sendId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sendId);
        var records = await ReadWholeAsync<MessageRecipientRecord>(
            MailkitFunctionCall.ForSend(MailkitFunctionCall.MessageRecipientsFunction, sendId), MessageRecipientSchema.Instance, cancellationToken).ConfigureAwait(false);
        return records.ConvertAll(r => r with { SendId = sendId });
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(long? campaignId = null, CancellationToken cancellationToken = default)
    {
        if (campaignId is { } id)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id, nameof(campaignId));
        }

        return await ReadWholeAsync<CampaignRecord>(MailkitFunctionCall.ForCampaigns(campaignId), CampaignSchema.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<CampaignSendRecord>> GetCampaignSendsAsync(
        long campaignId, DateOnly? rangeFrom = null, DateOnly? rangeTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(campaignId);
        var records = await ReadWholeAsync<CampaignSendRecord>(
            MailkitFunctionCall.ForCampaignSends(campaignId, rangeFrom, rangeTo), CampaignSendSchema.Instance, cancellationToken).ConfigureAwait(false);
        return records.ConvertAll(r => r with { CampaignId = campaignId });
    }

    /// <inheritdoc />
    public virtual async Task<ReportPage<UnsubscribeRecord, UnsubscribesRequest>> GetUnsubscribesAsync(
        UnsubscribesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var received = await ReadWholeAsync<UnsubscribeRecord>(
            MailkitFunctionCall.ForUnsubscribed(UnsubscribeCursor.DayToAsk(request, _reportTimeZone)), UnsubscribeSchema.Instance, cancellationToken).ConfigureAwait(false);
        return UnsubscribeCursor.Page(request, received);
    }

    /// <summary>Releases the <see cref="HttpClient"/> when the client built it, and the client's share of its account's rate limit.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the <see cref="HttpClient"/> when the client built it, and the client's share of its account's rate limit.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_rateLimiter is not null)
        {
            _registry!.Return(_rateLimiter);
        }

        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private BounceWalker NewWalker(RawBouncesRequest request) => new(_invoker.ReadAsync, request, WalkSettings.From(_options, _logger));

    private RecordWalker<TRecord, TRequest> NewWalker<TRecord, TRequest>(PagedReport<TRecord, TRequest> report, TRequest request)
        where TRecord : class
        where TRequest : class =>
        new(report, (wire, parent, token) => _invoker.ReadAsync(report, wire, parent, token), request, WalkSettings.From(_options, _logger));

    /// <summary>Makes one call of a paged report and returns its page, with the request that continues after its highest ID.</summary>
    private async Task<ReportPage<TRecord, TRequest>> ReadPageAsync<TRecord, TRequest>(PagedReport<TRecord, TRequest> report, TRequest request, CancellationToken cancellationToken)
        where TRecord : class
        where TRequest : class
    {
        var records = new List<TRecord>();
        long? highest = null;
        await foreach (var item in _invoker.ReadAsync(report, request, default, cancellationToken).ConfigureAwait(false))
        {
            var record = (TRecord)item.Record!;
            records.Add(record);
            var id = report.IdOf(record);
            if (highest is null || id > highest)
            {
                highest = id;
            }
        }

        var nextStart = highest is { } h ? Cursor.NextAfter(h) : report.StartIdOf(request) ?? 0;
        return new ReportPage<TRecord, TRequest>(records, report.WithStartId(request, nextStart));
    }

    /// <summary>
    /// Makes one call of a report Mailkit answers whole, and returns all its records. A body that fails while it is read
    /// is asked for again, within <see cref="Resilience.MailkitRetryOptions.MaxRetryAttempts"/>, as a walk asks for a page again.
    /// </summary>
    private async Task<List<T>> ReadWholeAsync<T>(MailkitFunctionCall call, Decoding.RecordSchema schema, CancellationToken cancellationToken)
        where T : class
    {
        var failures = 0;
        while (true)
        {
            var records = new List<T>();
            try
            {
                await foreach (var item in _invoker.ReadAsync(call, schema, null, null, false, default, cancellationToken).ConfigureAwait(false))
                {
                    records.Add((T)item.Record!);
                }

                return records;
            }
            catch (MailkitException ex) when (ex.IsBodyFailure && ++failures <= _options.Retry.MaxRetryAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay.For(_options.Retry, failures, Jitter.Source), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,

            // The request body holds the md5: a redirect must end the call, never carry the body elsewhere.
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
