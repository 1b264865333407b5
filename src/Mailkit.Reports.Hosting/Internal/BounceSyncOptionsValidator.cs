using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>Checks the settings of the registered bounce syncs when the app starts, with messages that name each bad setting.</summary>
internal sealed class BounceSyncOptionsValidator(BounceSyncRegistry registry) : IValidateOptions<BounceSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, BounceSyncOptions options)
    {
        var registration = registry.Registrations.FirstOrDefault(r => r.ReportName is null && r.OptionsName == (name ?? Options.DefaultName));
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        SyncOptionsRules.Check(errors, nameof(BounceSyncOptions), options.Interval, options.MaxFailureDelay, options.RefusedRetryInterval, options.MaxHandlerAttempts);

        // The request's own rules name each setting (StartId, CampaignId, SendId, PageSize) and its range.
        errors.AddRange(options.CreateStartRequest().GetValidationErrors(nameof(BounceSyncOptions)));

        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => $"{error} (bounce sync '{registration.SyncName}')"));
    }
}
