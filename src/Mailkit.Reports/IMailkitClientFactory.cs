namespace Mailkit.Reports;

/// <summary>
/// Creates the clients of the accounts registered by name with <c>AddMailkitClient(name, …)</c>.
/// Each is also registered as a keyed <see cref="IMailkitClient"/> service under its name.
/// </summary>
public interface IMailkitClientFactory
{
    /// <summary>Creates the client of a named account.</summary>
    /// <param name="name">The name the account was registered under.</param>
    /// <returns>A client; it shares the account's HTTP handlers and rate limit with every other client of that account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No account is registered under <paramref name="name"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The account's settings are invalid.</exception>
    IMailkitClient CreateClient(string name);
}
