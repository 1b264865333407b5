using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>Checks the settings of the registered report syncs (raw messages, raw responses) when the app starts, with messages that name each bad setting.</summary>
internal sealed class ReportSyncOptionsValidator(BounceSyncRegistry registry) : IValidateOptions<ReportSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportSyncOptions options)
    {
        var registration = registry.Registrations.FirstOrDefault(r => r.ReportName is not null && r.OptionsName == (name ?? Options.DefaultName));
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        SyncOptionsRules.Check(errors, nameof(ReportSyncOptions), options.Interval, options.MaxFailureDelay, options.RefusedRetryInterval, options.MaxHandlerAttempts);

        // The request's own rules name each setting (StartId, CampaignId, SendId, PageSize) and its range; every report's request shares them.
        errors.AddRange(options.CreateRawMessagesRequest().GetValidationErrors(nameof(ReportSyncOptions)));

        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => $"{error} ({registration.SyncKindInText} sync '{registration.SyncName}')"));
    }
}
