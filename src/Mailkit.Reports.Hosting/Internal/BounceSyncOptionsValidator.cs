using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>Checks the settings of the registered syncs when the app starts, with messages that name each bad setting.</summary>
internal sealed class BounceSyncOptionsValidator(BounceSyncRegistry registry) : IValidateOptions<BounceSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, BounceSyncOptions options)
    {
        var registration = registry.Registrations.FirstOrDefault(r => r.OptionsName == (name ?? Options.DefaultName));
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        CheckDelay(errors, nameof(BounceSyncOptions.Interval), options.Interval);
        CheckDelay(errors, nameof(BounceSyncOptions.MaxFailureDelay), options.MaxFailureDelay);
        if (options.RefusedRetryInterval is { } refused)
        {
            CheckDelay(errors, nameof(BounceSyncOptions.RefusedRetryInterval), refused);
        }

        if (options.MaxHandlerAttempts is < 1 or > 100)
        {
            errors.Add($"BounceSyncOptions.MaxHandlerAttempts must be from 1 to 100; it is {options.MaxHandlerAttempts}.");
        }

        // The request's own rules name each setting (StartId, CampaignId, SendId, PageSize) and its range.
        errors.AddRange(options.CreateStartRequest().GetValidationErrors(nameof(BounceSyncOptions)));

        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => $"{error} (bounce sync '{registration.SyncName}')"));
    }

    private static void CheckDelay(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > BounceSyncOptions.MaxDelay)
        {
            errors.Add($"BounceSyncOptions.{setting} must be more than zero and at most {BounceSyncOptions.MaxDelay.TotalDays} days; it is {value}.");
        }
    }
}
