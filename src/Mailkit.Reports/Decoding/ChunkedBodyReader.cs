using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Decoding;

/// <summary>Reads a body into a buffer and hands it to a decoder chunk by chunk, yielding records as they finish.</summary>
/// <remarks>
/// A decoder starts an unfinished unit again from its first byte. So that a unit arriving in many small reads is not
/// re-scanned on every read (quadratic in its size), the decoder is called again only once the unread bytes have
/// doubled since it last gave up, or the body has ended, or the unit has grown past the decoder's cap (which it then
/// refuses). Each byte is thus scanned a bounded number of times.
/// </remarks>
internal static class ChunkedBodyReader
{
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Larger buffers are not returned to the shared pool, which would keep them for the life of the process.</summary>
    private const int MaxPooledBufferSize = 4 * 1024 * 1024;

    /// <summary>Yields the records of a body; a record the decoder set aside is thrown as <see cref="InvalidRecordHandling.Throw"/> throws it.</summary>
    public static IAsyncEnumerable<BounceRecord> ReadAsync(Stream body, IChunkDecoder decoder, CancellationToken cancellationToken) =>
        ReadAsync(body, decoder, static item => (BounceRecord)DecodedRecord.RecordOrThrow(item), cancellationToken);

    /// <summary>Yields the records of a body and the records the decoder set aside, in the order of the body.</summary>
    public static IAsyncEnumerable<DecodedRecord> ReadDecodedAsync(Stream body, IChunkDecoder decoder, CancellationToken cancellationToken) =>
        ReadAsync(body, decoder, static item => item, cancellationToken);

    private static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream body, IChunkDecoder decoder, Func<DecodedRecord, T> select, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<DecodedRecord>();
        var buffer = Rent(InitialBufferSize);
        try
        {
            int start = 0, end = 0;
            long retryAt = 0;
            var finished = false;
            while (!finished)
            {
                if (end == buffer.Length)
                {
                    buffer = MakeRoom(buffer, ref start, ref end);
                }

                var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                end += read;
                finished = read == 0;
                if (!finished && end - start < retryAt)
                {
                    continue;
                }

                ExceptionDispatchInfo? failure = null;
                try
                {
                    start += decoder.Decode(buffer.AsSpan(start, end - start), finished, records, cancellationToken);
                }
                catch (MailkitException ex) when (records.Count > 0)
                {
                    // The records before the one at fault are handed out first.
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                var unread = end - start;
                retryAt = unread == 0 ? 0 : Math.Min(2L * unread, decoder.MaxUnitBytes + 1L);
                for (var i = 0; i < records.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return select(records[i]);
                }

                records.Clear();
                failure?.Throw();
            }
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>Moves the unread bytes to the front of the buffer, or grows it when a single unit fills it.</summary>
    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end)
    {
        var unread = end - start;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, unread);
        }
        else
        {
            var size = (int)Math.Min(2L * buffer.Length, Array.MaxLength);
            if (size <= buffer.Length)
            {
                // Unreachable while the response and record caps hold: both are far below 2 GiB.
                throw new InvalidOperationException("A single unit of the body does not fit in the largest buffer .NET allows.");
            }

            var larger = Rent(size);
            Buffer.BlockCopy(buffer, 0, larger, 0, unread);
            Return(buffer);
            buffer = larger;
        }

        start = 0;
        end = unread;
        return buffer;
    }

    private static byte[] Rent(int size) =>
        size <= MaxPooledBufferSize ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    private static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledBufferSize)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
