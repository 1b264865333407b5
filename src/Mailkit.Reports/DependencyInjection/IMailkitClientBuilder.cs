namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The builder of one Mailkit account registered with <c>AddMailkitClient</c>: the account's name in the app and the
/// services it is registered in. Packages that add to an account (a sync, a health check) take it from here, never by
/// reading the name of the account's <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// <c>AddMailkitClient</c> returns <see cref="IHttpClientBuilder"/>, and the object it returns implements this interface
/// too; <see cref="MailkitClientBuilderExtensions.AsMailkitClientBuilder"/> gets it.
/// </remarks>
public interface IMailkitClientBuilder
{
    /// <summary>Gets the account's name: <see cref="Options.Options.DefaultName"/> (empty) for the unnamed account, otherwise the name given to <c>AddMailkitClient</c>.</summary>
    string Name { get; }

    /// <summary>Gets the app's services.</summary>
    IServiceCollection Services { get; }
}
