using System.Globalization;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// The Mailkit account a cursor belongs to: the endpoint and the client ID, never the md5. A cursor is an ID in one
/// account's bounce log, so a store that keeps the account with the cursor can refuse to continue another account from
/// it (<see cref="BounceCursorAccountMismatchException"/>).
/// </summary>
public sealed class BounceCursorAccount : IEquatable<BounceCursorAccount>
{
    /// <summary>Initializes the identity of an account.</summary>
    /// <param name="endpoint">The account's endpoint, <see cref="MailkitClientOptions.Endpoint"/>; a user name or password in it is left out.</param>
    /// <param name="clientId">The account's client ID, <see cref="MailkitClientOptions.ClientId"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute address.</exception>
    public BounceCursorAccount(Uri endpoint, int clientId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute address.", nameof(endpoint));
        }

        Endpoint = new Uri(endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path | UriComponents.Query, UriFormat.UriEscaped));
        ClientId = clientId;
    }

    /// <summary>Gets the account's endpoint, without a user name or password.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the account's client ID.</summary>
    public int ClientId { get; }

    /// <summary>The identity of the account that <paramref name="options"/> configure.</summary>
    /// <param name="options">The account's client options.</param>
    /// <returns>Its endpoint and client ID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static BounceCursorAccount From(MailkitClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BounceCursorAccount(options.Endpoint, options.ClientId);
    }

    /// <inheritdoc/>
    public bool Equals(BounceCursorAccount? other) =>
        other is not null && ClientId == other.ClientId && string.Equals(Endpoint.AbsoluteUri, other.Endpoint.AbsoluteUri, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BounceCursorAccount);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ClientId, StringComparer.Ordinal.GetHashCode(Endpoint.AbsoluteUri));

    /// <summary>Describes the account as <c>client 123 at https://api.mailkit.eu/</c>.</summary>
    /// <returns>The client ID and the endpoint.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"client {ClientId} at {Endpoint.AbsoluteUri}");
}
