using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Logging;
using Polly;

namespace Mailkit.Reports.Pipeline;

/// <summary>
/// Makes one call of <c>mailkit.report.raw.bounces</c> and yields the records of its response as they arrive:
/// call timeout, retries, the account's permit, the attempt timeout, the codec, the <see cref="HttpClient"/>,
/// the status, size and page-count checks. Knows nothing of pages or cursors.
/// </summary>
internal sealed class RawBouncesInvoker
{
    private readonly HttpClient _httpClient;
    private readonly MailkitClientOptions _options;
    private readonly MailkitCredentials _credentials;
    private readonly MailkitTransport _transport;
    private readonly ILogger _logger;
    private readonly AccountRateLimiter _rateLimiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _otherRetries = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline<HttpResponseMessage> _attemptTimeout;
    private readonly FailureMapper _failures;
    private readonly TimeZoneInfo _timeZone;

    public RawBouncesInvoker(HttpClient httpClient, MailkitClientOptions options, ILogger logger, AccountRateLimiter rateLimiter)
    {
        _httpClient = httpClient;
        _options = options;
        _credentials = options.CreateCredentials();
        _transport = options.ResolveTransport();
        _logger = logger;
        _rateLimiter = rateLimiter;
        _retry = MailkitPipelines.Retry(options, MailkitFunctionCall.RawBouncesFunction, logger);
        _attemptTimeout = MailkitPipelines.AttemptTimeout(options);
        _failures = new FailureMapper(options.CallTimeout, options.AttemptTimeout, httpClient);
        _timeZone = options.ResolveReportTimeZone();
    }

    /// <summary>
    /// Makes one call and yields the records of its response as they arrive. The call's timeout runs from the first
    /// attempt to the end of the body; the account's in-flight permit is held until the response is disposed.
    /// A failure while the body is read is thrown marked as a body failure. Under <see cref="InvalidRecordHandling.Skip()"/>,
    /// the records the SDK's decoders set aside come in the body's order among the records.
    /// </summary>
    public IAsyncEnumerable<DecodedRecord> ReadAsync(RawBouncesRequest request, ActivityContext parent, CancellationToken cancellationToken) =>
        ReadAsync(BounceReport.Instance, request, parent, cancellationToken);

    /// <summary>
    /// Makes the call for one page of a report paged by record ID, as <see cref="ReadAsync(RawBouncesRequest,
    /// ActivityContext, CancellationToken)"/> does for raw bounces.
    /// </summary>
    public IAsyncEnumerable<DecodedRecord> ReadAsync<TRecord, TRequest>(
        PagedReport<TRecord, TRequest> report,
        TRequest request,
        ActivityContext parent,
        CancellationToken cancellationToken)
        where TRecord : class
        where TRequest : class =>
        ReadAsync(
            report.CallFor(request),
            report.Schema,
            report.StartIdOf(request),
            report.PageSizeOf(request),
            report.InvalidRecordsOf(request).Skips,
            parent,
            cancellationToken);

    /// <summary>
    /// Makes one call of any report and yields its records as they arrive. <paramref name="pageSize"/> is the number of
    /// records asked for (a response may bring one more, a boundary record repeated), or <see langword="null"/> for a
    /// report that answers whole; <paramref name="startId"/> is for telemetry.
    /// </summary>
    public async IAsyncEnumerable<DecodedRecord> ReadAsync(
        MailkitFunctionCall call,
        RecordSchema schema,
        long? startId,
        int? pageSize,
        bool skipsInvalidRecords,
        ActivityContext parent,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (schema is not BounceSchema && _transport != MailkitTransport.Json && _transport != MailkitTransport.XmlRpc)
        {
            // A transport of the caller's own decodes raw bounces only (MailkitTransport.ReadBounceRecordsAsync).
            throw new NotSupportedException(
                $"{call.FunctionName} is read by the SDK's own JSON and XML-RPC transports only; "
                + $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.CustomTransport)} ('{_transport.Name}') reads raw bounces.");
        }

        using var timeout = new CancellationTokenSource(_options.CallTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        using var activity = CallTelemetry.StartCall(call.FunctionName, _transport.Name, _options.ClientId, startId, pageSize, parent);
        var started = _options.TimeProvider.GetTimestamp();
        var count = 0;
        HttpStatusCode? status = null;
        var completed = false;
        try
        {
            using var response = await SendAsync(call, timeout, cancellationToken, token).ConfigureAwait(false);

            // An enumerator abandoned without being disposed keeps the response: free its permit at the call's deadline.
            using var releaseAtDeadline = response.Content is LeaseHoldingContent held
                ? timeout.Token.Register(static state => ((LeaseHoldingContent)state!).ReleaseLease(), held)
                : default;
            status = response.StatusCode;
            activity?.SetTag(TagNames.HttpStatusCode, (int)response.StatusCode);
            var context = new MailkitResponseContext(call.FunctionName, response.StatusCode, _credentials, _options.MaxResponseBytes)
            {
                MaxRecordBytes = _options.MaxRecordBytes,
                MaxRecordFields = _options.MaxRecordFields,
                SkipsInvalidRecords = skipsInvalidRecords,
                Schema = schema,
                TimeZone = _timeZone,
            };
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorBodyReader.ReadAsync(response, context, _transport, _options.TimeProvider, token).ConfigureAwait(false);
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
            catch (Exception ex)
            {
                throw MapBodyFailure(ex, call, response.StatusCode, timeout, cancellationToken);
            }

            var bounded = new BoundedReadStream(body, _options.MaxResponseBytes, limit => TooLarge(context, limit + 1));
            await using var disposeBody = bounded.ConfigureAwait(false);
            var records = _transport.ReadDecodedAsync(bounded, context, token).GetAsyncEnumerator(token);
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
                    catch (Exception ex)
                    {
                        throw MapBodyFailure(ex, call, response.StatusCode, timeout, cancellationToken);
                    }

                    if (++count > pageSize + 1)
                    {
                        // One more than asked is a boundary record repeated; beyond that the server ignores the limit,
                        // and the records a caller keeps for a page would grow without bound.
                        throw context.CreateProtocolException(
                            $"The page holds more than {pageSize + 1} records, though {pageSize} were asked for.",
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
            CallTelemetry.RecordCall(_logger, activity, call.FunctionName, _transport.Name, startId, status, count, elapsed, completed);
        }
    }

    private static MailkitProtocolException TooLarge(MailkitResponseContext context, long size) =>
        context.CreateProtocolException(
            $"The body is larger than {nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.MaxResponseBytes)} ({size} bytes or more).",
            size,
            []);

    /// <summary>
    /// Throws what a failure while the body is read becomes, keeping the stack trace of where it was first thrown;
    /// declared to return an exception so that callers read as a throw.
    /// </summary>
    private Exception MapBodyFailure(Exception ex, MailkitFunctionCall call, HttpStatusCode status, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var mapped = _failures.Map(ex, call.FunctionName, status, CallPhase.Body, timeout.IsCancellationRequested, cancellationToken.IsCancellationRequested);
        ExceptionDispatchInfo.Throw(mapped ?? ex);
        return ex;
    }

    /// <summary>Sends the call through the retry pipeline; each attempt takes a rate-limit permit and builds a fresh request.</summary>
    private async Task<HttpResponseMessage> SendAsync(MailkitFunctionCall call, CancellationTokenSource callTimeout, CancellationToken callerToken, CancellationToken callToken)
    {
        try
        {
            var retry = call.FunctionName == MailkitFunctionCall.RawBouncesFunction
                ? _retry
                : _otherRetries.GetOrAdd(call.FunctionName, static (name, invoker) => MailkitPipelines.Retry(invoker._options, name, invoker._logger), this);
            return await retry.ExecuteAsync(
                static (state, attemptToken) => new ValueTask<HttpResponseMessage>(state.invoker.SendAttemptAsync(state.call, attemptToken)),
                (invoker: this, call),
                callToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var mapped = _failures.Map(ex, call.FunctionName, null, CallPhase.Headers, callTimeout.IsCancellationRequested, callerToken.IsCancellationRequested);
            if (mapped is null)
            {
                throw;
            }

            throw mapped;
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(MailkitFunctionCall call, CancellationToken attemptToken)
    {
        var waitStarted = _options.TimeProvider.GetTimestamp();
        var lease = await _rateLimiter.AcquireAsync(call.FunctionName, attemptToken).ConfigureAwait(false);
        var waited = _options.TimeProvider.GetElapsedTime(waitStarted);
        if (waited >= TimeSpan.FromMilliseconds(1))
        {
            Log.RateLimitWaited(_logger, (long)waited.TotalMilliseconds, _options.ClientId);
        }

        try
        {
            var response = await _attemptTimeout.ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.invoker.SendOnceAsync(state.call, token)),
                (invoker: this, call),
                attemptToken).ConfigureAwait(false);
            lease.MarkAnswered();
            CallTelemetry.RecordAnswer(call.FunctionName, response.StatusCode);
            response.Content = new LeaseHoldingContent(response.Content, lease);
            return response;
        }
        catch (Exception ex)
        {
            lease.MarkAnswered();
            lease.Dispose();
            CallTelemetry.RecordNoAnswer(call.FunctionName, ex);
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(MailkitFunctionCall call, CancellationToken cancellationToken)
    {
        using var request = _transport.CreateRequest(_options.Endpoint, call, _credentials);
        var sent = request.RequestUri;
        var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
        {
            // A handler that follows redirects has already re-sent the body, md5 included: say so, never use the answer,
            // and never let the answer's status (a 503 of the new address) make the failure one to try again.
            response.Dispose();
            throw new MailkitHttpException(
                $"The server redirected {call.FunctionName} to another address and the HttpClient followed the redirect. "
                    + "The SDK refuses a followed redirect and does not try the call again, because the request body holds the md5: "
                    + "turn AllowAutoRedirect off on the HttpClient's handler.",
                call.FunctionName,
                response.StatusCode,
                followedRedirect: true);
        }

        return response;
    }
}
