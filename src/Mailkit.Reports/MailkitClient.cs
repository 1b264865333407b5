using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

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
    private const int ErrorBodyLimit = 64 * 1024;

    private readonly HttpClient _httpClient = null!;
    private readonly bool _ownsHttpClient;
    private readonly MailkitClientOptions _options = null!;
    private readonly MailkitCredentials _credentials = null!;
    private readonly MailkitTransport _transport = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly AccountRateLimiter _rateLimiter = null!;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry = null!;
    private readonly ResiliencePipeline<HttpResponseMessage> _attemptTimeout = null!;

    /// <summary>Initializes a new client that builds and owns its <see cref="HttpClient"/>.</summary>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(MailkitClientOptions options)
        : this(CreateHttpClient(), ownsHttpClient: true, options, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new client that builds and owns its <see cref="HttpClient"/> and logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <param name="loggerFactory">Where the client logs calls, retries and rate-limit waits; <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(MailkitClientOptions options, ILoggerFactory? loggerFactory)
        : this(CreateHttpClient(), ownsHttpClient: true, options, loggerFactory)
    {
    }

    /// <summary>Initializes a new client that sends through the given <see cref="HttpClient"/>, for example a typed client from DI.</summary>
    /// <param name="httpClient">The client to send through; the caller keeps ownership. Its base address is not used.</param>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(HttpClient httpClient, MailkitClientOptions options)
        : this(httpClient, ownsHttpClient: false, options, loggerFactory: null)
    {
    }

    /// <summary>Initializes a new client that sends through the given <see cref="HttpClient"/> and logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="httpClient">
    /// The client to send through; the caller keeps ownership. Its base address is not used. Set its <see cref="HttpClient.Timeout"/>
    /// to <see cref="Timeout.InfiniteTimeSpan"/>: <see cref="MailkitClientOptions.AttemptTimeout"/> and
    /// <see cref="MailkitClientOptions.CallTimeout"/> are the timeouts that apply.
    /// </param>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <param name="loggerFactory">Where the client logs calls, retries and rate-limit waits; <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(HttpClient httpClient, MailkitClientOptions options, ILoggerFactory? loggerFactory)
        : this(httpClient, ownsHttpClient: false, options, loggerFactory)
    {
    }

    /// <summary>Initializes a new instance for mocking.</summary>
    protected MailkitClient()
    {
    }

    private MailkitClient(HttpClient httpClient, bool ownsHttpClient, MailkitClientOptions options, ILoggerFactory? loggerFactory)
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
        _credentials = _options.CreateCredentials();
        _transport = _options.ResolveTransport();
        _logger = loggerFactory?.CreateLogger<MailkitClient>() ?? (ILogger)NullLogger.Instance;
        _rateLimiter = AccountRateLimiter.For(_options.Endpoint, _options.ClientId, _options.RateLimit, _options.TimeProvider);
        _retry = MailkitPipelines.Retry(_options, MailkitFunctionCall.RawBouncesFunction, _logger);
        _attemptTimeout = MailkitPipelines.AttemptTimeout(_options);
    }

    /// <inheritdoc />
    public virtual async Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));

        var records = new List<BounceRecord>();
        long? highest = null;
        await foreach (var record in ReadPageAsync(request, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
            if (highest is null || record.UndeliveredLogId > highest)
            {
                highest = record.UndeliveredLogId;
            }
        }

        var nextStart = highest is { } h ? (h == long.MaxValue ? h : h + 1) : request.StartId ?? 0;
        return new BouncePage(records, request with { StartId = nextStart });
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return WalkRecordsAsync(new BounceWalker(this, request, _options, _logger), cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return WalkPagesAsync(new BounceWalker(this, request, _options, _logger), cancellationToken);
    }

    /// <summary>Releases the <see cref="HttpClient"/> when the client built it.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the <see cref="HttpClient"/> when the client built it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private static async IAsyncEnumerable<BounceRecord> WalkRecordsAsync(BounceWalker walker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in walker.WalkAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Groups the walk's records into pages. When the walk fails, the records of the unfinished page that were already
    /// received are handed over first as a last, shorter page, so that the failure's <see cref="MailkitException.ResumeRequest"/>
    /// (the walker's cursor) is exactly the first record the caller has not received.
    /// </summary>
    private static async IAsyncEnumerable<BouncePage> WalkPagesAsync(BounceWalker walker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<BounceRecord>();
        var walk = walker.WalkAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var disposeWalk = walk.ConfigureAwait(false);
        while (true)
        {
            ExceptionDispatchInfo? failure = null;
            try
            {
                if (!await walk.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (MailkitException ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }

            if (failure is not null)
            {
                if (records.Count > 0)
                {
                    yield return new BouncePage(records, walker.NextRequest);
                }

                failure.Throw();
            }

            if (walk.Current is { } record)
            {
                records.Add(record);
            }
            else if (records.Count > 0)
            {
                yield return new BouncePage(records, walker.NextRequest);
                records = [];
            }
        }
    }

    /// <summary>
    /// Makes one call and yields the records of its response as they arrive. The call's timeout runs from the first
    /// attempt to the end of the body; the account's in-flight permit is held until the response is disposed.
    /// </summary>
    internal async IAsyncEnumerable<BounceRecord> ReadPageAsync(
        RawBouncesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        ActivityContext parent = default)
    {
        var call = MailkitFunctionCall.ForRawBounces(request);
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        using var activity = MailkitTelemetry.ActivitySource.StartActivity(call.FunctionName, ActivityKind.Client, parent);
        activity?.SetTag("mailkit.function", call.FunctionName);
        activity?.SetTag("mailkit.transport", _transport.Name);
        activity?.SetTag("mailkit.client_id", _options.ClientId);
        activity?.SetTag("mailkit.start_id", request.StartId);
        activity?.SetTag("mailkit.page_size", request.PageSize);
        var started = _options.TimeProvider.GetTimestamp();
        var count = 0;
        HttpStatusCode? status = null;
        var completed = false;
        try
        {
            using var response = await SendAsync(call, timeout, cancellationToken, token).ConfigureAwait(false);
            status = response.StatusCode;
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            var context = new MailkitResponseContext(call.FunctionName, response.StatusCode, _credentials, _options.MaxResponseBytes)
            {
                MaxRecordBytes = _options.MaxRecordBytes,
                MaxRecordFields = _options.MaxRecordFields,
            };
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorResponseAsync(response, context, token).ConfigureAwait(false);
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                throw TooLarge(context, response.Content.Headers.ContentLength.Value);
            }

            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (MapBodyFailure(ex, call, response.StatusCode, timeout, cancellationToken) is { } mapped)
            {
                throw mapped;
            }

            var bounded = new BoundedReadStream(body, _options.MaxResponseBytes, limit => TooLarge(context, limit + 1));
            await using var disposeBody = bounded.ConfigureAwait(false);
            var records = _transport.ReadBounceRecordsAsync(bounded, context, token).GetAsyncEnumerator(token);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await records.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (Exception ex) when (MapBodyFailure(ex, call, response.StatusCode, timeout, cancellationToken) is { } mapped)
                    {
                        throw mapped;
                    }

                    if (++count > request.PageSize + 1)
                    {
                        // One more than asked is a boundary record repeated; beyond that the server ignores the limit,
                        // and the records a caller keeps for a page would grow without bound.
                        throw context.CreateProtocolException(
                            $"The page holds more than {request.PageSize + 1} records, though {request.PageSize} were asked for.",
                            bounded.Position,
                            []);
                    }

                    yield return records.Current;
                }
            }
            finally
            {
                await records.DisposeAsync().ConfigureAwait(false);
            }

            completed = true;
        }
        finally
        {
            var elapsed = _options.TimeProvider.GetElapsedTime(started);
            RecordCall(call, request, activity, status, count, elapsed, completed);
        }
    }

    private void RecordCall(MailkitFunctionCall call, RawBouncesRequest request, Activity? activity, HttpStatusCode? status, int count, TimeSpan elapsed, bool completed)
    {
        var function = new KeyValuePair<string, object?>("mailkit.function", call.FunctionName);
        var transport = new KeyValuePair<string, object?>("mailkit.transport", _transport.Name);
        var outcome = new KeyValuePair<string, object?>("mailkit.outcome", completed ? "success" : "failure");
        MailkitTelemetry.Records.Add(count, function, transport);
        MailkitTelemetry.CallDuration.Record(elapsed.TotalSeconds, function, transport, outcome);
        activity?.SetTag("mailkit.records", count);
        if (completed)
        {
            Log.CallCompleted(_logger, call.FunctionName, _transport.Name, request.StartId, count, (long)elapsed.TotalMilliseconds);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            Log.CallFailed(_logger, call.FunctionName, status is { } code ? (int)code : null, count);
        }
    }

    /// <summary>Turns a failure while the body is read into the SDK's exception, marked as a body failure a walk may retry.</summary>
    private MailkitException? MapBodyFailure(Exception ex, MailkitFunctionCall call, HttpStatusCode status, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        MailkitException? mapped = ex switch
        {
            OperationCanceledException when timeout.IsCancellationRequested =>
                new MailkitTimeoutException(call.FunctionName, _options.CallTimeout, $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.CallTimeout)}", ex),
            HttpRequestException or IOException => new MailkitNetworkException(call.FunctionName, status, ex),
            MailkitException { IsTransient: true } known => known,
            _ => null,
        };
        if (mapped is not null)
        {
            mapped.IsBodyFailure = true;
        }

        return mapped;
    }

    /// <summary>Sends the call through the retry pipeline; each attempt takes a rate-limit permit and builds a fresh request.</summary>
    private async Task<HttpResponseMessage> SendAsync(MailkitFunctionCall call, CancellationTokenSource callTimeout, CancellationToken callerToken, CancellationToken token)
    {
        try
        {
            return await _retry.ExecuteAsync(
                static (state, attemptToken) => new ValueTask<HttpResponseMessage>(state.client.SendAttemptAsync(state.call, attemptToken)),
                (client: this, call),
                token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!callerToken.IsCancellationRequested && ex is not MailkitException)
        {
            throw ex switch
            {
                OperationCanceledException when callTimeout.IsCancellationRequested =>
                    new MailkitTimeoutException(call.FunctionName, _options.CallTimeout, $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.CallTimeout)}", ex),
                TimeoutRejectedException =>
                    new MailkitTimeoutException(call.FunctionName, _options.AttemptTimeout, $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.AttemptTimeout)}", ex),
                OperationCanceledException =>
                    new MailkitTimeoutException(call.FunctionName, _httpClient.Timeout, "HttpClient.Timeout", ex),
                HttpRequestException or IOException => new MailkitNetworkException(call.FunctionName, null, ex),
                _ => ex,
            };
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(MailkitFunctionCall call, CancellationToken token)
    {
        var waitStarted = _options.TimeProvider.GetTimestamp();
        var lease = await _rateLimiter.AcquireAsync(call.FunctionName, token).ConfigureAwait(false);
        var waited = _options.TimeProvider.GetElapsedTime(waitStarted);
        if (waited >= TimeSpan.FromMilliseconds(1))
        {
            Log.RateLimitWaited(_logger, (long)waited.TotalMilliseconds, _options.ClientId);
        }

        try
        {
            var response = await _attemptTimeout.ExecuteAsync(
                static async (state, attemptToken) =>
                {
                    using var request = state.client._transport.CreateRequest(state.client._options.Endpoint, state.call, state.client._credentials);
                    var sent = request.RequestUri;
                    var response = await state.client._httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
                    if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
                    {
                        // A handler that follows redirects has already re-sent the body, md5 included: say so, never use the answer.
                        response.Dispose();
                        throw new MailkitHttpException(
                            $"The server redirected {state.call.FunctionName} to another address and the HttpClient followed it. Redirects are never to be followed, because the request body holds the md5: turn AllowAutoRedirect off on the HttpClient's handler.",
                            state.call.FunctionName,
                            response.StatusCode);
                    }

                    return response;
                },
                (client: this, call),
                token).ConfigureAwait(false);
            lease.MarkAnswered();
            MailkitTelemetry.Requests.Add(
                1,
                new KeyValuePair<string, object?>("mailkit.function", call.FunctionName),
                new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
            response.Content = new LeaseHoldingContent(response.Content, lease);
            return response;
        }
        catch (Exception ex)
        {
            lease.MarkAnswered();
            lease.Dispose();
            MailkitTelemetry.Requests.Add(
                1,
                new KeyValuePair<string, object?>("mailkit.function", call.FunctionName),
                new KeyValuePair<string, object?>("error.type", ex.GetType().Name));
            throw;
        }
    }

    /// <summary>
    /// Turns a non-success response into an exception: the error Mailkit wrote in the body when it wrote one,
    /// otherwise a <see cref="MailkitHttpException"/> quoting the body.
    /// </summary>
    private async Task<MailkitException> ReadErrorResponseAsync(HttpResponseMessage response, MailkitResponseContext context, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadPrefixAsync(response.Content, ErrorBodyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
        {
            bytes = [];
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await foreach (var unused in _transport.ReadBounceRecordsAsync(stream, context, cancellationToken).ConfigureAwait(false))
            {
                // Records under an error status are not trusted; only an error the body names is.
            }
        }
        catch (MailkitApiException apiError)
        {
            return apiError;
        }
        catch (MailkitProtocolException)
        {
            // Not a Mailkit error body: report the HTTP status.
        }

        var retryAfter = RetryAfterOf(response, _options.TimeProvider);
        return new MailkitHttpException(context.FunctionName, response.StatusCode, context.Excerpt(bytes), retryAfter);
    }

    private static async Task<byte[]> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[limit];
            var total = 0;
            int read;
            while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static MailkitProtocolException TooLarge(MailkitResponseContext context, long size) =>
        context.CreateProtocolException(
            $"The body is larger than {nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxResponseBytes)} ({size} bytes or more).",
            size,
            []);

    private static bool IsNetworkFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested;

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
