using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Decoding.XmlRpc;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Transport;

/// <summary>
/// Mailkit's XML-RPC interface: <c>POST {endpoint}rpc.fcgi</c>, a standard <c>&lt;methodCall&gt;</c> whose parameters
/// are positional: the client ID, the md5, then the function's parameters in their documented order.
/// </summary>
/// <remarks>
/// An optional parameter left unset at the end of the list is left out; one before a parameter that is set
/// still holds its place and is sent as <c>&lt;int&gt;0&lt;/int&gt;</c> (a string one as an empty <c>&lt;string&gt;</c>): 0 is no
/// campaign, send or record ID, it passes a numeric check, and PHP reads it as "empty". A value beyond the 32-bit range
/// is sent as <c>&lt;i8&gt;</c>. Responses are decoded as they arrive, straight from their UTF-8 bytes, by a strict
/// reader of the XML that XML-RPC uses: it refuses DTDs and resolves nothing.
/// </remarks>
internal sealed class XmlRpcTransport : MailkitTransport
{
    private static readonly MediaTypeHeaderValue XmlContentType = new("text/xml");

    public override string Name => "xmlrpc";

    public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(functionCall);
        ArgumentNullException.ThrowIfNull(credentials);

        var xml = new StringBuilder(512);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n <methodName>")
            .Append(SecurityElement.Escape(functionCall.FunctionName))
            .Append("</methodName>\n <params>\n");
        AppendInteger(xml, credentials.ClientId);
        xml.Append("  <param><value><string>").Append(SecurityElement.Escape(credentials.ClientMd5)).Append("</string></value></param>\n");
        var parameters = functionCall.Parameters;
        var count = parameters.Count;
        while (count > 0 && !parameters[count - 1].IsSet)
        {
            // An unset parameter at the end is left out: a function with an optional filter (campaigns.list) reads 0 as a value.
            count--;
        }

        for (var i = 0; i < count; i++)
        {
            var parameter = parameters[i];
            if (parameter.IsText)
            {
                xml.Append("  <param><value><string>").Append(SecurityElement.Escape(parameter.Text ?? string.Empty)).Append("</string></value></param>\n");
            }
            else
            {
                AppendInteger(xml, parameter.Value ?? 0);
            }
        }

        xml.Append(" </params>\n</methodCall>\n");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml.ToString()));
        content.Headers.ContentType = XmlContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "rpc.fcgi")) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        return request;
    }

    public override IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(
        Stream body,
        MailkitResponseContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(context);

        return ChunkedBodyReader.ReadAsync(body, new XmlRpcBounceDecoder(context), cancellationToken);
    }

    internal override IAsyncEnumerable<DecodedRecord> ReadDecodedAsync(
        Stream body,
        MailkitResponseContext context,
        CancellationToken cancellationToken) =>
        ChunkedBodyReader.ReadDecodedAsync(body, new XmlRpcBounceDecoder(context), cancellationToken);

    private static void AppendInteger(StringBuilder xml, long value)
    {
        var type = value is >= int.MinValue and <= int.MaxValue ? "int" : "i8";
        xml.Append("  <param><value><").Append(type).Append('>')
            .Append(value.ToString(CultureInfo.InvariantCulture))
            .Append("</").Append(type).Append("></value></param>\n");
    }
}
