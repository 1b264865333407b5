namespace Mailkit.Reports.Transport;

/// <summary>
/// The account's API credentials, as a transport needs them to encode a call.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the md5.</remarks>
public sealed class MailkitCredentials
{
    /// <summary>Initializes new credentials.</summary>
    /// <param name="clientId">The client ID (Profile / Integration in the Mailkit account).</param>
    /// <param name="clientMd5">The client md5, a secret of 32 hexadecimal characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clientMd5"/> is <see langword="null"/>.</exception>
    public MailkitCredentials(int clientId, string clientMd5)
    {
        ArgumentNullException.ThrowIfNull(clientMd5);
        ClientId = clientId;
        ClientMd5 = clientMd5;
    }

    /// <summary>Gets the client ID.</summary>
    public int ClientId { get; }

    /// <summary>Gets the client md5. It is a secret: send it in the request body only, never log it.</summary>
    public string ClientMd5 { get; }

    /// <summary>Returns the client ID with the md5 hidden.</summary>
    /// <returns>A text safe to log.</returns>
    public override string ToString() => $"client {ClientId} (md5 hidden)";

    /// <summary>Hides the md5 in <paramref name="text"/>: whole, or any part of 8 or more characters of it.</summary>
    internal string Redact(string text) => Diagnostics.SecretRedactor.Redact(text, ClientMd5);
}
