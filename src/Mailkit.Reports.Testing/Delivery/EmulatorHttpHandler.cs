using System.Net.Http.Headers;

namespace Mailkit.Reports.Testing.Delivery;

/// <summary>
/// The emulator in-process: each request is answered without a socket. <paramref name="receive"/> takes a request's
/// path and body, counts it in flight and returns its delivery.
/// </summary>
internal sealed class EmulatorHttpHandler(Func<string, byte[], FaultDelivery> receive) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var delivery = receive(request.RequestUri?.AbsolutePath ?? string.Empty, body);
        try
        {
            await delivery.WaitIfSlowAsync(cancellationToken).ConfigureAwait(false);
            var answer = delivery.Answer;
            var content = new StreamContent(new DeliveryStream(delivery));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
            var response = new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request };
            if (answer.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
            }

            // The request stays in flight until the client has read the body or disposed the response.
            return response;
        }
        catch
        {
            delivery.Leave();
            throw;
        }
    }
}
