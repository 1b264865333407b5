using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Internal;

/// <summary>A decoder that turns the bytes of a body into records as they arrive, one whole unit at a time.</summary>
internal interface IChunkDecoder
{
    /// <summary>Decodes what it can of <paramref name="data"/>, adding finished records to <paramref name="output"/>.</summary>
    /// <returns>How many bytes were consumed; the rest must be passed again, followed by more of the body.</returns>
    int Decode(ReadOnlySpan<byte> data, bool isFinal, List<BounceRecord> output);
}

/// <summary>Reads a body into a pooled buffer and hands it to a decoder chunk by chunk, yielding records as they finish.</summary>
internal static class ChunkedBodyReader
{
    private const int InitialBufferSize = 16 * 1024;

    public static async IAsyncEnumerable<BounceRecord> ReadAsync(Stream body, IChunkDecoder decoder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<BounceRecord>();
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int start = 0, end = 0;
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
                ExceptionDispatchInfo? failure = null;
                try
                {
                    start += decoder.Decode(buffer.AsSpan(start, end - start), finished, records);
                }
                catch (MailkitException ex)
                {
                    // The records decoded before the failure are the caller's: a walk resumes after the last one it yielded.
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                for (var i = 0; i < records.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return records[i];
                }

                records.Clear();
                failure?.Throw();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, unread);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        start = 0;
        end = unread;
        return buffer;
    }
}
