namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>The settings of the health checks <c>AddMailkitHealthChecks</c> adds.</summary>
public sealed class MailkitHealthCheckOptions
{
    /// <summary>The default <see cref="CredentialsCacheDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultCredentialsCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>The shortest <see cref="CredentialsCacheDuration"/> accepted: 1 minute.</summary>
    public static readonly TimeSpan MinCredentialsCacheDuration = TimeSpan.FromMinutes(1);

    /// <summary>The default <see cref="CredentialsTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultCredentialsTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets a value indicating whether each synced account also gets a credentials check
    /// (<c>mailkit-credentials:NAME</c>): one call asking for a single record, whose result is kept for
    /// <see cref="CredentialsCacheDuration"/>.
    /// </summary>
    /// <remarks>
    /// Probes cannot spend the account's rate limit: every outcome is kept, a call cancelled or timed out included (as
    /// Degraded), concurrent probes share the call in flight, and a probe that gives up (its HTTP request aborted) does not
    /// cancel the call. While the account's sync is calling Mailkit, the check makes no call of its own and answers from
    /// its last result (or Healthy, "busy", before it has one), so it never waits behind the sync's page.
    /// </remarks>
    /// <value>The default is <see langword="false"/>: only the syncs' own state is checked, with no call to Mailkit.</value>
    public bool CheckCredentials { get; set; }

    /// <summary>Gets or sets how long the result of a credentials call answers the probes that follow its start.</summary>
    /// <value>The default is 5 minutes: at most 12 calls an hour per account, however often the probes come. At least 1 minute.</value>
    public TimeSpan CredentialsCacheDuration { get; set; } = DefaultCredentialsCacheDuration;

    /// <summary>Gets or sets how long a credentials call may take before it is cancelled and reported as Degraded.</summary>
    /// <value>The default is 10 seconds; more than zero and less than <see cref="CredentialsCacheDuration"/>.</value>
    public TimeSpan CredentialsTimeout { get; set; } = DefaultCredentialsTimeout;
}
