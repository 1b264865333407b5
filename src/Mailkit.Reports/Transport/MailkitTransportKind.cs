namespace Mailkit.Reports.Transport;

/// <summary>The wire formats built into the SDK.</summary>
public enum MailkitTransportKind
{
    /// <summary>JSON: <c>POST {endpoint}json.fcgi</c>. The default.</summary>
    Json = 0,

    /// <summary>XML-RPC: <c>POST {endpoint}rpc.fcgi</c>, a standard <c>&lt;methodCall&gt;</c> with positional parameters.</summary>
    XmlRpc = 1,
}
