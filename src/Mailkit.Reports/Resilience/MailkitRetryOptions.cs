using System.Globalization;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// How a client retries a call that failed for a reason a later attempt may not meet: a network failure,
/// a timeout, 408, 429, a 5xx status, or a body cut short.
/// </summary>
/// <remarks>
/// Never retried: wrong credentials, a refused IP, any other error Mailkit answers, any other 4xx status,
/// and a response that is not what the API sends.
/// </remarks>
public sealed class MailkitRetryOptions
{
    /// <summary>Gets or sets how many times a failed attempt is retried; 0 turns retrying off.</summary>
    /// <value>The default is 4 (five attempts in all).</value>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Gets or sets the delay before the first retry; each further retry waits twice as long as the one before.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest delay between two attempts computed by the backoff.</summary>
    /// <value>The default is 2 minutes.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a value indicating whether delays are spread at random so that clients do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> delay honoured; a server asking for longer ends the call with the error
    /// instead of holding it for that long.
    /// </summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    internal void AddValidationErrors(List<string> errors, string prefix)
    {
        if (MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add($"{prefix}.{nameof(MaxRetryAttempts)} must be from 0 to 100 (it is {MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}.{nameof(BaseDelay)} must be from 0 to 1 hour (it is {BaseDelay}).");
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}.{nameof(MaxDelay)} must be from {nameof(BaseDelay)} to 1 hour (it is {MaxDelay}).");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}.{nameof(MaxRetryAfter)} must be from 0 to 1 day (it is {MaxRetryAfter}).");
        }
    }

    internal MailkitRetryOptions Copy() => (MailkitRetryOptions)MemberwiseClone();
}
