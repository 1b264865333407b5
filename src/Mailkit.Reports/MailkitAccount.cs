using System.Globalization;

namespace Mailkit.Reports;

/// <summary>
/// One Mailkit account as the SDK tells accounts apart: the endpoint and the client ID, never the md5. Rate limits are
/// shared per account, and a cursor or an export belongs to one, so every place that asks "which account is this" asks
/// this type.
/// </summary>
/// <remarks>
/// The endpoint is kept as scheme, host, port and path, escaped: a user name, password, query or fragment in the
/// address given is left out, the host is compared without case and a default port is dropped. <see cref="ToString"/>
/// gives the stable text <c>client 123 at https://api.mailkit.eu/json.fcgi</c>, which stores may keep as the account's
/// key.
/// </remarks>
public sealed class MailkitAccount : IEquatable<MailkitAccount>
{
    /// <summary>Initializes the identity of an account.</summary>
    /// <param name="endpoint">The account's endpoint, <see cref="MailkitClientOptions.Endpoint"/>.</param>
    /// <param name="clientId">The account's client ID, <see cref="MailkitClientOptions.ClientId"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute address.</exception>
    public MailkitAccount(Uri endpoint, int clientId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute address.", nameof(endpoint));
        }

        Endpoint = new Uri(endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        ClientId = clientId;
        Key = string.Create(CultureInfo.InvariantCulture, $"client {clientId} at {Endpoint.AbsoluteUri}");
    }

    /// <summary>Gets the account's endpoint: scheme, host, port and path only.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the account's client ID.</summary>
    public int ClientId { get; }

    private string Key { get; }

    /// <summary>The account that <paramref name="options"/> configure.</summary>
    /// <param name="options">The account's client options.</param>
    /// <returns>Its endpoint and client ID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options have no absolute endpoint.</exception>
    public static MailkitAccount From(MailkitClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MailkitAccount(options.Endpoint ?? throw new ArgumentException("The options have no endpoint.", nameof(options)), options.ClientId);
    }

    /// <inheritdoc/>
    public bool Equals(MailkitAccount? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MailkitAccount);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Describes the account as <c>client 123 at https://api.mailkit.eu/json.fcgi</c>: stable, and safe to log and store.</summary>
    /// <returns>The client ID and the endpoint.</returns>
    public override string ToString() => Key;
}
