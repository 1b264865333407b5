namespace Mailkit.Reports.Resilience;

/// <summary>The one backoff formula, for a retried attempt and for a body a walk asks for again.</summary>
internal static class RetryDelay
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public static TimeSpan For(MailkitRetryOptions options, int attempt, Random random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        if (options.UseJitter)
        {
            // Full jitter over the upper half keeps the schedule growing while spreading clients apart.
            delay = (delay / 2) + (random.NextDouble() * delay / 2);
        }

        return TimeSpan.FromMilliseconds(delay);
    }
}
