namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The account of a cursor file: the endpoint and the client ID, never the md5.</summary>
internal sealed class CursorFileAccount
{
    public string? Endpoint { get; set; }

    public int ClientId { get; set; }
}
