using Microsoft.Extensions.Options;

namespace Mailkit.Reports.DependencyInjection;

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
