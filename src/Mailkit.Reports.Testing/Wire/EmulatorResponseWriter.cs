using System.Net;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>Writes a page or an API error in the encoding of the transport the request came over.</summary>
internal static class EmulatorResponseWriter
{
    public static EmulatorAnswer Page(MailkitTransportKind transport, IReadOnlyList<EmulatedBounce> page, bool idsAsJsonNumbers, EmulatorFault fault) =>
        transport == MailkitTransportKind.XmlRpc
            ? new(HttpStatusCode.OK, XmlRpcResponseWriter.ContentType, XmlRpcResponseWriter.Page(page), fault, null, page.Count)
            : new(HttpStatusCode.OK, JsonResponseWriter.ContentType, JsonResponseWriter.Page(page, idsAsJsonNumbers), fault, null, page.Count);

    /// <summary>Writes an error as Mailkit does: HTTP 200 with the message in the body.</summary>
    public static EmulatorAnswer Error(MailkitTransportKind transport, string message, EmulatorFault fault) =>
        transport == MailkitTransportKind.XmlRpc
            ? new(HttpStatusCode.OK, XmlRpcResponseWriter.ContentType, XmlRpcResponseWriter.Error(message), fault, null, 0)
            : new(HttpStatusCode.OK, JsonResponseWriter.ContentType, JsonResponseWriter.Error(message), fault, null, 0);
}
