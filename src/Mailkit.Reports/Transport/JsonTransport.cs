using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.Json;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Transport;

/// <summary>
/// Mailkit's JSON interface: <c>POST {endpoint}json.fcgi</c>, the call as one JSON object, records as an array of objects.
/// </summary>
/// <remarks>
/// Parameters are sent as strings, as Mailkit's own example does; an unset optional parameter is left out of
/// <c>parameters</c>. The body is decoded as it arrives with <see cref="Utf8JsonReader"/>.
/// </remarks>
internal sealed class JsonTransport : MailkitTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public override string Name => "json";

    public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(functionCall);
        ArgumentNullException.ThrowIfNull(credentials);

        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("function"u8, functionCall.FunctionName);
            writer.WriteString("id"u8, credentials.ClientId.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("md5"u8, credentials.ClientMd5);
            foreach (var parameter in functionCall.Parameters)
            {
                if (parameter.AlsoAtTopLevel && parameter.IsSet)
                {
                    writer.WriteString(parameter.Name, TextOf(parameter));
                }
            }

            writer.WriteStartObject("parameters"u8);
            foreach (var parameter in functionCall.Parameters)
            {
                if (parameter.IsSet)
                {
                    writer.WriteString(parameter.Name, TextOf(parameter));
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(body.WrittenSpan.ToArray());
        content.Headers.ContentType = JsonContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "json.fcgi")) { Content = content };
        request.Headers.Accept.Add(AcceptJson);
        return request;
    }

    private static string TextOf(MailkitParameter parameter) => parameter.Text ?? parameter.Value!.Value.ToString(CultureInfo.InvariantCulture);

    public override IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(
        Stream body,
        MailkitResponseContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(context);

        return ChunkedBodyReader.ReadAsync(body, new JsonBounceDecoder(context), cancellationToken);
    }

    internal override IAsyncEnumerable<DecodedRecord> ReadDecodedAsync(
        Stream body,
        MailkitResponseContext context,
        CancellationToken cancellationToken) =>
        ChunkedBodyReader.ReadDecodedAsync(body, new JsonBounceDecoder(context), cancellationToken);
}
