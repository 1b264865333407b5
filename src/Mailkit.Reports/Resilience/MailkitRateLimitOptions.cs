using System.Globalization;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// The client-side rate limit. Every attempt, retries included, takes a permit; the permits are shared by every client in
/// the process that uses the same endpoint and client ID, so that two clients of one account together never exceed it,
/// while clients of different accounts never wait for each other.
/// </summary>
/// <remarks>
/// Mailkit limits how often raw functions may be called but publishes no numbers, so the defaults are conservative:
/// one request in flight per account (a request counts until its body has been read or the response disposed) and
/// at most 20 requests per minute. Clients of one account share the permits when they also share the
/// <see cref="MailkitClientOptions.TimeProvider"/> and these limits; a client with other limits or another clock gets
/// permits of its own, so that no client runs on another's settings.
/// </remarks>
public sealed class MailkitRateLimitOptions
{
    /// <summary>Gets or sets how many requests of one account may be in flight at once.</summary>
    /// <value>The default is 1.</value>
    public int MaxConcurrentRequests { get; set; } = 1;

    /// <summary>Gets or sets how many requests of one account may start within any minute (a sliding window).</summary>
    /// <value>The default is 20.</value>
    public int RequestsPerMinute { get; set; } = 20;

    /// <summary>
    /// Gets or sets how many calls may wait for a permit at once; a call beyond that fails at once with a
    /// <see cref="MailkitRateLimitRejectedException"/>. A waiting call's cancellation is honoured.
    /// </summary>
    /// <value>The default is 1000.</value>
    public int QueueLimit { get; set; } = 1000;

    internal void AddValidationErrors(List<string> errors, string prefix)
    {
        if (MaxConcurrentRequests is < 1 or > 64)
        {
            errors.Add($"{prefix}.{nameof(MaxConcurrentRequests)} must be from 1 to 64 (it is {MaxConcurrentRequests.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (RequestsPerMinute is < 1 or > 100_000)
        {
            errors.Add($"{prefix}.{nameof(RequestsPerMinute)} must be from 1 to 100000 (it is {RequestsPerMinute.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (QueueLimit is < 0 or > 1_000_000)
        {
            errors.Add($"{prefix}.{nameof(QueueLimit)} must be from 0 to 1000000 (it is {QueueLimit.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    internal MailkitRateLimitOptions Copy() => (MailkitRateLimitOptions)MemberwiseClone();
}
