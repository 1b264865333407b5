using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Pipeline;

/// <summary>
/// Turns a non-success response into an exception: the error Mailkit wrote in the body when it wrote one,
/// otherwise a <see cref="MailkitHttpException"/> quoting the body.
/// </summary>
internal static class ErrorBodyReader
{
    private const int ErrorBodyLimit = 64 * 1024;

    public static async Task<MailkitException> ReadAsync(
        HttpResponseMessage response,
        MailkitResponseContext context,
        MailkitTransport transport,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadPrefixAsync(response.Content, ErrorBodyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            bytes = [];
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await foreach (var unused in transport.ReadBounceRecordsAsync(stream, context, cancellationToken).ConfigureAwait(false))
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

        var retryAfter = HttpStatusRules.RetryAfterOf(response, timeProvider);
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
}
