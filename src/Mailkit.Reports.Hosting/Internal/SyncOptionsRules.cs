namespace Mailkit.Reports.Hosting.Internal;

/// <summary>The rules every sync's options share: the waits and the handler's attempts, each error naming the setting.</summary>
internal static class SyncOptionsRules
{
    public static void Check(List<string> errors, string optionsType, TimeSpan interval, TimeSpan maxFailureDelay, TimeSpan? refusedRetryInterval, int maxHandlerAttempts)
    {
        CheckDelay(errors, optionsType, nameof(BounceSyncOptions.Interval), interval);
        CheckDelay(errors, optionsType, nameof(BounceSyncOptions.MaxFailureDelay), maxFailureDelay);
        if (refusedRetryInterval is { } refused)
        {
            CheckDelay(errors, optionsType, nameof(BounceSyncOptions.RefusedRetryInterval), refused);
        }

        if (maxHandlerAttempts is < 1 or > 100)
        {
            errors.Add($"{optionsType}.MaxHandlerAttempts must be from 1 to 100; it is {maxHandlerAttempts}.");
        }
    }

    private static void CheckDelay(List<string> errors, string optionsType, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > BounceSyncOptions.MaxDelay)
        {
            errors.Add($"{optionsType}.{setting} must be more than zero and at most {BounceSyncOptions.MaxDelay.TotalDays} days; it is {value}.");
        }
    }
}
