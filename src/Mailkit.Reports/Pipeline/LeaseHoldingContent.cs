using System.Net;

namespace Mailkit.Reports.Pipeline;

/// <summary>
/// A response body that keeps the account's in-flight permit until it is disposed, so that a request counts as
/// in flight until its body has been read, as the server counts it.
/// </summary>
internal sealed class LeaseHoldingContent : HttpContent
{
    private readonly HttpContent _inner;
    private IDisposable? _lease;

    public LeaseHoldingContent(HttpContent inner, IDisposable lease)
    {
        _inner = inner;
        _lease = lease;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            Interlocked.Exchange(ref _lease, null)?.Dispose();
        }

        base.Dispose(disposing);
    }
}
