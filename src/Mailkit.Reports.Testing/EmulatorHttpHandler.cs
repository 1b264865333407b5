using System.Net;
using System.Net.Http.Headers;

namespace Mailkit.Reports.Testing;

/// <summary>The emulator in-process: each request is answered without a socket.</summary>
internal sealed class EmulatorHttpHandler(MailkitEmulator emulator) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        emulator.Enter();
        try
        {
            var answer = emulator.Answer(request.RequestUri?.AbsolutePath ?? string.Empty, body);
            if (answer.Fault == EmulatorFault.SlowResponse)
            {
                await Task.Delay(emulator.SlowResponseDelay, emulator.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            var stream = answer.Fault switch
            {
                EmulatorFault.ResetMidBody => new FaultingStream(answer.Body, answer.Body.Length / 2, reset: true),
                EmulatorFault.CutShortBody => new FaultingStream(answer.Body, answer.Body.Length / 2, reset: false),
                _ => new FaultingStream(answer.Body, answer.Body.Length, reset: false),
            };
            var content = new StreamContent(stream);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
            var response = new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request };
            if (answer.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
            }

            return response;
        }
        finally
        {
            emulator.Leave();
        }
    }

    /// <summary>A body that ends, or fails as a reset connection does, after a number of bytes.</summary>
    private sealed class FaultingStream(byte[] data, int stopAt, bool reset) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= stopAt)
            {
                return reset ? throw new IOException("The connection was reset by the emulator.") : 0;
            }

            var n = Math.Min(count, stopAt - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_position >= stopAt)
            {
                return reset ? ValueTask.FromException<int>(new IOException("The connection was reset by the emulator.")) : ValueTask.FromResult(0);
            }

            var n = Math.Min(buffer.Length, stopAt - _position);
            data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
