namespace Mailkit.Reports.Testing.Delivery;

/// <summary>
/// An in-process response body read from a <see cref="FaultDelivery"/>: it ends where the delivery ends, or fails as a
/// reset connection does. Disposing it (the client is done with the response) ends the request's time in flight.
/// </summary>
internal sealed class DeliveryStream(FaultDelivery delivery) : Stream
{
    private ReadOnlyMemory<byte> _pending;
    private bool _ended;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => delivery.Answer.Body.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_pending.IsEmpty && !_ended)
        {
            _pending = await delivery.NextAsync(cancellationToken).ConfigureAwait(false);
            _ended = _pending.IsEmpty;
        }

        if (_ended)
        {
            return delivery.Resets ? throw new IOException("The connection was reset by the emulator.") : 0;
        }

        var n = Math.Min(buffer.Length, _pending.Length);
        _pending[..n].CopyTo(buffer);
        _pending = _pending[n..];
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A synchronous read blocks only while a trickled body pauses; an emulator for tests can afford that.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            delivery.Leave();
        }

        base.Dispose(disposing);
    }
}
