using System.Net;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing;

/// <summary>One request the emulator received, for assertions. The md5 is never kept.</summary>
public sealed record EmulatorRequest
{
    private const string JsonTransportName = "json";
    private const string XmlRpcTransportName = "xmlrpc";

    /// <summary>Gets the 1-based number of the request across the emulator's life.</summary>
    public required int Number { get; init; }

    /// <summary>Gets the transport: <c>json</c> or <c>xmlrpc</c>.</summary>
    public required string Transport { get; init; }

    /// <summary>
    /// Gets the transport as the SDK names it: <see cref="MailkitTransportKind.XmlRpc"/> when <see cref="Transport"/> is
    /// <c>xmlrpc</c>, else <see cref="MailkitTransportKind.Json"/>.
    /// </summary>
    public MailkitTransportKind TransportKind => Transport == XmlRpcTransportName ? MailkitTransportKind.XmlRpc : MailkitTransportKind.Json;

    /// <summary>Gets the function called, when the body named one.</summary>
    public string? Function { get; init; }

    /// <summary>Gets the client ID sent, when one was.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the function's parameters by name, as sent (values as text; an unset XML-RPC slot as sent).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Gets the request body with the md5 replaced by <c>***</c>.</summary>
    public required string RedactedBody { get; init; }

    /// <summary>Gets the fault the request was answered with.</summary>
    public EmulatorFault Fault { get; init; }

    /// <summary>Gets the HTTP status answered.</summary>
    public HttpStatusCode Status { get; init; }

    /// <summary>Gets how many records the answer held.</summary>
    public int Records { get; init; }

    /// <summary>Gets when the request arrived, by the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The <see cref="Transport"/> text of a transport.</summary>
    internal static string NameOf(MailkitTransportKind transport) => transport == MailkitTransportKind.XmlRpc ? XmlRpcTransportName : JsonTransportName;
}
