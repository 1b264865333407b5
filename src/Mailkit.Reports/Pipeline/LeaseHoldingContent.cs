using System.Net;

namespace Mailkit.Reports.Pipeline;

/// <summary>
/// A response body that keeps the account's in-flight permit until it is disposed, so that a request counts as
/// in flight until its body has been read, as the server counts it. The invoker also frees the permit at the call's
/// deadline, so that a response nobody reads or disposes cannot hold an account's only permit for ever.
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

    /// <summary>Frees the permit now, before the content is disposed: when the call's deadline passed and nobody reads it.</summary>
    public void ReleaseLease() => Interlocked.Exchange(ref _lease, null)?.Dispose();

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
            ReleaseLease();
        }

        base.Dispose(disposing);
    }
}
