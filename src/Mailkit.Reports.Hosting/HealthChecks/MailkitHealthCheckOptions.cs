namespace Mailkit.Reports.Hosting.HealthChecks;

/// <summary>The settings of the health checks <c>AddMailkitHealthChecks</c> adds.</summary>
public sealed class MailkitHealthCheckOptions
{
    /// <summary>The default <see cref="CredentialsCacheDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultCredentialsCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets a value indicating whether each synced account also gets a credentials check
    /// (<c>mailkit-credentials:NAME</c>): one call asking for a single record, whose result is kept for
    /// <see cref="CredentialsCacheDuration"/>, so health probes cannot spend the account's rate limit.
    /// </summary>
    /// <value>The default is <see langword="false"/>: only the syncs' own state is checked, with no call to Mailkit.</value>
    public bool CheckCredentials { get; set; }

    /// <summary>Gets or sets how long the result of a credentials call answers the probes that follow it.</summary>
    /// <value>The default is 5 minutes: at most 12 calls an hour per account, however often the probes come.</value>
    public TimeSpan CredentialsCacheDuration { get; set; } = DefaultCredentialsCacheDuration;

    /// <summary>Gets the tags given to every check added, to filter them in <c>MapHealthChecks</c>.</summary>
    /// <value>The default is one tag, <c>mailkit</c>.</value>
    public IList<string> Tags { get; } = ["mailkit"];
}
