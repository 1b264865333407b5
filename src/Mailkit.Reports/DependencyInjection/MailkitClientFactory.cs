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

/// <summary>The option names registered with <c>AddMailkitClient</c>; only those are validated as Mailkit settings.</summary>
internal sealed class MailkitRegistrations
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public static string HttpClientName(string name) => name.Length == 0 ? "Mailkit.Reports" : "Mailkit.Reports:" + name;

    public void Add(string name)
    {
        lock (_names)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}

internal sealed class MailkitClientOptionsValidator(MailkitRegistrations registrations) : IValidateOptions<MailkitClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MailkitClientOptions options)
    {
        if (!registrations.Contains(name ?? Options.DefaultName))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = options.GetValidationErrors();
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var account = string.IsNullOrEmpty(name) ? string.Empty : $" (account '{name}')";
        return ValidateOptionsResult.Fail(errors.Select(error => error + account));
    }
}
