using System.Net;
using System.Runtime.CompilerServices;
using Mailkit.Reports.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Pagination;
using Mailkit.Reports.Transport;

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

    /// <summary>Initializes a new client that builds and owns its <see cref="HttpClient"/>.</summary>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(MailkitClientOptions options)
        : this(CreateHttpClient(), ownsHttpClient: true, options)
    {
    }

    /// <summary>Initializes a new client that sends through the given <see cref="HttpClient"/>, for example a typed client from DI.</summary>
    /// <param name="httpClient">The client to send through; the caller keeps ownership. Its base address is not used.</param>
    /// <param name="options">The credentials and settings; validated and copied.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and the accepted range.</exception>
    public MailkitClient(HttpClient httpClient, MailkitClientOptions options)
        : this(httpClient, ownsHttpClient: false, options)
    {
    }

    /// <summary>Initializes a new instance for mocking.</summary>
    protected MailkitClient()
    {
    }

    private MailkitClient(HttpClient httpClient, bool ownsHttpClient, MailkitClientOptions options)
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
        return WalkRecordsAsync(new BounceWalker(this, request, _options.StopAtShortPage, _options.Retry, _options.TimeProvider), cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
        return WalkPagesAsync(new BounceWalker(this, request, _options.StopAtShortPage, _options.Retry, _options.TimeProvider), cancellationToken);
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

    private static async IAsyncEnumerable<BouncePage> WalkPagesAsync(BounceWalker walker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<BounceRecord>();
        await foreach (var record in walker.WalkAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record is not null)
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

    /// <summary>Makes one call and yields the records of its response as they arrive.</summary>
    internal async IAsyncEnumerable<BounceRecord> ReadPageAsync(
        RawBouncesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = MailkitFunctionCall.ForRawBounces(request);
        using var response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        var context = new MailkitResponseContext(call.FunctionName, response.StatusCode, _credentials, _options.MaxResponseBytes);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorResponseAsync(response, context, cancellationToken).ConfigureAwait(false);
        }

        if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw TooLarge(context, response.Content.Headers.ContentLength.Value);
        }

        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
        {
            throw new MailkitNetworkException(call.FunctionName, response.StatusCode, ex);
        }

        var bounded = new BoundedReadStream(body, _options.MaxResponseBytes, limit => TooLarge(context, limit + 1));
        await using var disposeBody = bounded.ConfigureAwait(false);
        var records = _transport.ReadBounceRecordsAsync(bounded, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
                {
                    throw new MailkitNetworkException(call.FunctionName, response.StatusCode, ex) { IsBodyFailure = true };
                }
                catch (MailkitException ex) when (ex.IsTransient)
                {
                    ex.IsBodyFailure = true;
                    throw;
                }

                yield return records.Current;
            }
        }
        finally
        {
            await records.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(MailkitFunctionCall call, CancellationToken cancellationToken)
    {
        using var request = _transport.CreateRequest(_options.Endpoint, call, _credentials);
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailkitTimeoutException(call.FunctionName, _httpClient.Timeout, "HttpClient.Timeout", ex);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, cancellationToken))
        {
            throw new MailkitNetworkException(call.FunctionName, null, ex);
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

        var retryAfter = RetryAfterOf(response);
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

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
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
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
