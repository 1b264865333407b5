using Mailkit.Reports.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.DependencyInjection;

internal sealed class MailkitClientFactory(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<MailkitClientOptions> options,
    MailkitRegistrations registrations,
    AccountRateLimiterRegistry rateLimiters,
    ILoggerFactory? loggerFactory = null) : IMailkitClientFactory
{
    public IMailkitClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registrations.Contains(name))
        {
            throw new InvalidOperationException($"No Mailkit account is registered under the name '{name}'. Register it with services.AddMailkitClient(\"{name}\", …).");
        }

        return new MailkitClient(httpClientFactory.CreateClient(MailkitRegistrations.HttpClientName(name)), options.Get(name), loggerFactory, rateLimiters);
    }
}
