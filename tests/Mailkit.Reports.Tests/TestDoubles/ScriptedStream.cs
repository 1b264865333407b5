namespace Mailkit.Reports.Tests.TestDoubles;

/// <summary>
/// The one response body double: it delivers <c>data</c> as a network would, in reads whose size
/// <c>readSize</c> chooses from the bytes already read (all that fits by default), then ends in one of three ways: at
/// the end of the data, with an I/O error once <c>failAfter</c> bytes were read (a reset connection), or, with
/// <c>stallAtEnd</c>, by waiting until the reader gives up (a server that stops sending).
/// </summary>
internal sealed class ScriptedStream(byte[] data, Func<long, int>? readSize = null, int? failAfter = null, bool stallAtEnd = false) : Stream
{
    private int _position;

    /// <summary>Gets how many bytes the reader has taken.</summary>
    public long BytesRead => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>Reads of a fixed size.</summary>
    public static Func<long, int> Chunks(int size) => _ => size;

    /// <summary>
    /// Reads of random sizes from a seeded generator: mostly small ones (so that tags, entities, multi-byte characters
    /// and the BOM are split), sometimes runs of single bytes, sometimes large ones.
    /// </summary>
    public static Func<long, int> RandomReads(int seed)
    {
        var random = new Random(seed);
        return _ => random.Next(10) switch
        {
            < 3 => 1,
            < 8 => random.Next(1, 17),
            _ => random.Next(1, 512),
        };
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (stallAtEnd)
        {
            throw new NotSupportedException("A stalling body is read asynchronously.");
        }

        return Take(buffer.AsSpan(offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (stallAtEnd && _position >= data.Length)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Take(Span<byte> buffer)
    {
        var end = failAfter ?? data.Length;
        if (_position >= end && failAfter is not null)
        {
            throw new IOException("The connection was reset by the peer.");
        }

        var n = Math.Min(Math.Min(buffer.Length, readSize?.Invoke(_position) ?? int.MaxValue), end - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
