namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder <c>AddMailkitClient</c> returns: the account's <see cref="IHttpClientBuilder"/>, which also knows the account.</summary>
internal sealed class MailkitClientBuilder(IHttpClientBuilder httpClient, string name) : IHttpClientBuilder, IMailkitClientBuilder
{
    string IHttpClientBuilder.Name => httpClient.Name;

    string IMailkitClientBuilder.Name => name;

    public IServiceCollection Services => httpClient.Services;
}
