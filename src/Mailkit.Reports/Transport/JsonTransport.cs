using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mailkit.Reports.Internal;
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
    private const int InitialBufferSize = 16 * 1024;
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
            writer.WriteStartObject("parameters"u8);
            foreach (var parameter in functionCall.Parameters)
            {
                if (parameter.Value is { } value)
                {
                    writer.WriteString(parameter.Name, value.ToString(CultureInfo.InvariantCulture));
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

    public override async IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(
        Stream body,
        MailkitResponseContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(context);

        var decoder = new JsonBounceDecoder(context);
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
                start += decoder.Decode(buffer.AsSpan(start, end - start), finished, records);
                for (var i = 0; i < records.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return records[i];
                }

                records.Clear();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves the unread bytes to the front of the buffer, or grows it when a single record fills it.</summary>
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
