namespace Mailkit.Reports;

/// <summary>
/// Creates the clients of the accounts registered by name with <c>AddMailkitClient(name, …)</c>.
/// Each is also registered as a keyed <see cref="IMailkitClient"/> service under its name.
/// </summary>
public interface IMailkitClientFactory
{
    /// <summary>Creates the client of a named account. The caller owns the client and disposes it when done.</summary>
    /// <param name="name">The name the account was registered under.</param>
    /// <returns>
    /// A new client; it shares the account's HTTP handlers and rate limit with every other client of that account. It
    /// is <see cref="IDisposable"/>: disposing it returns its share of the account's rate limit, and a client never
    /// disposed keeps that share registered for the life of the app. A client resolved from a scope (the keyed
    /// <see cref="IMailkitClient"/> service) is disposed with the scope.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No account is registered under <paramref name="name"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The account's settings are invalid.</exception>
    IMailkitClient CreateClient(string name);
}
