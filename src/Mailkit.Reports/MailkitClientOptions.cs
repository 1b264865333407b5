using System.Globalization;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports;

/// <summary>
/// Settings of a <see cref="MailkitClient"/>: the account's credentials, where the API is, and the limits the client keeps.
/// </summary>
/// <remarks>
/// The client checks every setting when it is constructed (and, with <c>AddMailkitClient</c>, when the app starts) and
/// throws an <see cref="ArgumentException"/> naming the first one out of range. The client copies the settings;
/// changing this object afterwards does not change a client already made.
/// </remarks>
public sealed class MailkitClientOptions
{
    /// <summary>The default <see cref="Endpoint"/>: <c>https://api.mailkit.eu/</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.mailkit.eu/");

    /// <summary>The default <see cref="MaxResponseBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>The largest <see cref="MaxResponseBytes"/> accepted: 1 GiB.</summary>
    public const long MaxMaxResponseBytes = 1024L * 1024 * 1024;

    /// <summary>The default <see cref="MaxRecordBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRecordBytes = 1024 * 1024;

    /// <summary>The default <see cref="MaxRecordFields"/>: 1 024.</summary>
    public const int DefaultMaxRecordFields = 1024;

    /// <summary>Gets or sets the API client ID (Profile / Integration in the Mailkit account).</summary>
    /// <value>The default is 0, which is not valid: set it.</value>
    public int ClientId { get; set; }

    /// <summary>
    /// Gets or sets the API client md5 (Profile / Integration in the Mailkit account): exactly 32 hexadecimal characters.
    /// It is a secret: it is sent in the request body only and appears in no log, message or <see cref="ToString"/>.
    /// </summary>
    /// <value>The default is an empty string, which is not valid: set it.</value>
    public string ClientMd5 { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the API's base address; the JSON function is <c>json.fcgi</c> and the XML-RPC one <c>rpc.fcgi</c> under it.
    /// Only <c>https</c> is accepted, except for a loopback address (a local emulator) or with <see cref="AllowInsecureHttp"/>.
    /// </summary>
    /// <value>The default is <c>https://api.mailkit.eu/</c>.</value>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Gets or sets a value indicating whether a plain <c>http</c> endpoint that is not a loopback address is accepted.</summary>
    /// <value>The default is <see langword="false"/>: the md5 never travels unencrypted over a network.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Gets or sets the largest response body the client reads, in bytes; a larger one ends the call with a
    /// <see cref="MailkitProtocolException"/>. A page of 25 000 records is typically 10 to 30 MB.
    /// </summary>
    /// <value>The default is 256 MiB.</value>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// Gets or sets the largest single record the client decodes, in bytes of the response body; a larger one ends the
    /// call with a <see cref="MailkitProtocolException"/>. Real records are a few hundred bytes.
    /// </summary>
    /// <value>The default is 1 MiB.</value>
    public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

    /// <summary>
    /// Gets or sets the most fields (keys) a single record may hold; a record with more ends the call with a
    /// <see cref="MailkitProtocolException"/>. Real records hold about 15.
    /// </summary>
    /// <value>The default is 1 024.</value>
    public int MaxRecordFields { get; set; } = DefaultMaxRecordFields;

    /// <summary>Gets or sets the wire format: JSON (<c>json.fcgi</c>) or XML-RPC (<c>rpc.fcgi</c>).</summary>
    /// <value>The default is <see cref="MailkitTransportKind.Json"/>.</value>
    public MailkitTransportKind Transport { get; set; } = MailkitTransportKind.Json;

    /// <summary>
    /// Gets or sets a transport of your own, used instead of <see cref="Transport"/>: it encodes every attempt's request
    /// and decodes every response. Everything above it (paging, retries, rate limits) works unchanged.
    /// </summary>
    /// <remarks>
    /// A transport of your own decodes raw bounces (<see cref="MailkitTransport.ReadBounceRecordsAsync"/>); the other
    /// reports (raw messages, campaigns, …) are read by the built-in transports only, and a client with a custom transport
    /// refuses them with <see cref="NotSupportedException"/> before it sends anything.
    /// </remarks>
    /// <value>The default is <see langword="null"/>: the built-in transport <see cref="Transport"/> names.</value>
    public MailkitTransport? CustomTransport { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a walk over many pages ends at the first page shorter than
    /// <see cref="Models.RawBouncesRequest.PageSize"/>. Mailkit may cap pages below the size asked for, so a short page is
    /// not proof that nothing follows: turn this on only to save the final call when you know the server's cap.
    /// </summary>
    /// <value>The default is <see langword="false"/>: a walk ends at the first page that brings no new record.</value>
    public bool StopAtShortPage { get; set; }

    /// <summary>Gets the retry settings: attempts, backoff, jitter and the <c>Retry-After</c> cap.</summary>
    /// <value>The defaults are described on <see cref="MailkitRetryOptions"/>.</value>
    public MailkitRetryOptions Retry { get; set; } = new();

    /// <summary>Gets the client-side rate limit shared by every client of the same account in the process.</summary>
    /// <value>The defaults are described on <see cref="MailkitRateLimitOptions"/>.</value>
    public MailkitRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Gets or sets the longest one attempt may wait for the response headers; a slower attempt is abandoned and retried.
    /// Raw pages can take minutes to start arriving, so it is generous.
    /// </summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the longest one call may take, from its first attempt to the last byte of its body, retries and rate-limit
    /// waits included. In a walk each page is one call; a body that outlives it is asked for again from the cursor.
    /// </summary>
    /// <value>The default is 30 minutes.</value>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets the clock the client uses for timeouts, delays and rate limits.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the time zone of the naive times in Mailkit's reports (<c>date_sent</c>, <c>DATE</c>, …), by its IANA
    /// name. No report page names a zone; Mailkit's own client reads its times as Europe/Prague, so that is the default.
    /// </summary>
    /// <remarks>
    /// Each typed time is resolved in this zone and its text is kept as received. In the hour that happens twice when
    /// the clocks go back, a time is read as its first occurrence; a time in the hour skipped when they go forward is
    /// read with the offset in force before it.
    /// </remarks>
    /// <value>The default is <c>Europe/Prague</c>, which is known even where the system has no zone data.</value>
    public string ReportTimeZoneId { get; set; } = Decoding.ReportTime.DefaultZoneId;

    /// <summary>Returns the client ID and the endpoint; never the md5.</summary>
    /// <returns>A text safe to log.</returns>
    public override string ToString() => $"Mailkit client {ClientId} at {Shown(Endpoint)}";

    /// <summary>Lists what is wrong with the settings, one sentence each naming the setting and the accepted range.</summary>
    /// <remarks>
    /// The one home of the settings' rules, with the option classes' <c>AddValidationErrors</c>: construction and
    /// <c>ValidateOnStart</c> both run it, and no attribute restates it. A host that checks settings before it builds a
    /// client calls it instead of catching the constructor's <see cref="ArgumentException"/>. The sentences never hold
    /// the md5.
    /// </remarks>
    /// <returns>The problems; empty when a client would accept the settings.</returns>
    public IReadOnlyList<string> GetValidationErrors() => GetValidationErrors(nameof(MailkitClientOptions));

    /// <summary>
    /// Lists what is wrong with the settings, one sentence each naming the setting and the accepted range, with the
    /// settings' names under a host's own prefix.
    /// </summary>
    /// <param name="settingPrefix">
    /// What the names of the settings start with: <c>"Mailkit"</c> gives <c>Mailkit.ClientId</c> and
    /// <c>Mailkit.Retry.MaxRetryAttempts</c>, for a host that binds the options from that configuration section; an
    /// empty string gives <c>ClientId</c>.
    /// </param>
    /// <returns>The problems; empty when a client would accept the settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settingPrefix"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> GetValidationErrors(string settingPrefix)
    {
        ArgumentNullException.ThrowIfNull(settingPrefix);
        var name = settingPrefix.Length == 0 ? string.Empty : settingPrefix + ".";
        var errors = new List<string>();
        if (ClientId <= 0)
        {
            errors.Add($"{name}{nameof(ClientId)} must be a positive integer (it is {ClientId.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (!IsValidClientMd5(ClientMd5))
        {
            errors.Add(
                $"{name}{nameof(ClientMd5)} must be exactly 32 hexadecimal characters (it has {ClientMd5?.Length ?? 0} "
                + $"characters{(ClientMd5 is { Length: 32 } ? ", not all hexadecimal" : string.Empty)}).");
        }

        if (Endpoint is null)
        {
            errors.Add($"{name}{nameof(Endpoint)} must be set.");
        }
        else if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{name}{nameof(Endpoint)} must be an absolute https address (it is '{Shown(Endpoint)}').");
        }
        else if (Endpoint.UserInfo.Length > 0)
        {
            errors.Add(
                $"{name}{nameof(Endpoint)} must not hold a user name or password (it is '{Shown(Endpoint)}'); add "
                + $"credentials for a gateway with a handler on the HttpClient instead.");
        }
        else if (IsInsecureEndpoint(Endpoint) && !AllowInsecureHttp)
        {
            errors.Add($"{name}{nameof(Endpoint)} must use https unless the host is a loopback address or {nameof(AllowInsecureHttp)} is true (it is '{Shown(Endpoint)}').");
        }

        if (MaxResponseBytes < 1024 || MaxResponseBytes > MaxMaxResponseBytes)
        {
            errors.Add(
                $"{name}{nameof(MaxResponseBytes)} must be from 1024 to "
                + $"{MaxMaxResponseBytes.ToString(CultureInfo.InvariantCulture)} (1 GiB) (it is "
                + $"{MaxResponseBytes.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (MaxRecordBytes < 256)
        {
            errors.Add($"{name}{nameof(MaxRecordBytes)} must be at least 256 (it is {MaxRecordBytes.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (MaxRecordFields < 16)
        {
            errors.Add($"{name}{nameof(MaxRecordFields)} must be at least 16 (it is {MaxRecordFields.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (CustomTransport is null && !Enum.IsDefined(Transport))
        {
            errors.Add($"{name}{nameof(Transport)} must be Json or XmlRpc (it is {(int)Transport}).");
        }

        if (Retry is null)
        {
            errors.Add($"{name}{nameof(Retry)} must be set.");
        }
        else
        {
            Retry.AddValidationErrors(errors, $"{name}{nameof(Retry)}");
        }

        if (RateLimit is null)
        {
            errors.Add($"{name}{nameof(RateLimit)} must be set.");
        }
        else
        {
            RateLimit.AddValidationErrors(errors, $"{name}{nameof(RateLimit)}");
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{name}{nameof(AttemptTimeout)} must be more than 0 and at most 1 day (it is {AttemptTimeout}).");
        }

        if (CallTimeout < AttemptTimeout || CallTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{name}{nameof(CallTimeout)} must be from {nameof(AttemptTimeout)} to 1 day (it is {CallTimeout}).");
        }

        if (TimeProvider is null)
        {
            errors.Add($"{name}{nameof(TimeProvider)} must be set.");
        }

        if (string.IsNullOrWhiteSpace(ReportTimeZoneId) || Decoding.ReportTime.FindZone(ReportTimeZoneId) is null)
        {
            errors.Add($"{name}{nameof(ReportTimeZoneId)} must name a time zone this system knows, such as Europe/Prague (it is '{ReportTimeZoneId}').");
        }

        return errors;
    }

    /// <summary>Checks the settings and returns a private copy for a client to keep.</summary>
    /// <summary>Gets the zone <see cref="ReportTimeZoneId"/> names; the settings have been validated.</summary>
    internal TimeZoneInfo ResolveReportTimeZone() =>
        string.Equals(ReportTimeZoneId, Decoding.ReportTime.DefaultZoneId, StringComparison.Ordinal)
            ? Decoding.ReportTime.DefaultZone
            : Decoding.ReportTime.FindZone(ReportTimeZoneId) ?? Decoding.ReportTime.DefaultZone;

    internal MailkitClientOptions ValidateAndCopy(string paramName)
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }

        var copy = (MailkitClientOptions)MemberwiseClone();
        copy.Endpoint = WithTrailingSlash(Endpoint);
        copy.Retry = Retry.Copy();
        copy.RateLimit = RateLimit.Copy();
        return copy;
    }

    internal MailkitCredentials CreateCredentials() => new(ClientId, ClientMd5);

    internal MailkitTransport ResolveTransport() => CustomTransport ?? MailkitTransport.For(Transport);

    /// <summary>Tells whether <paramref name="value"/> has the shape of a client md5: exactly 32 hexadecimal characters.</summary>
    /// <remarks>
    /// The rule <see cref="ClientMd5"/> is validated by, for tools that check their input before they build a client.
    /// It checks the shape only: whether Mailkit accepts the md5 is known from the first call.
    /// </remarks>
    /// <param name="value">The candidate md5.</param>
    /// <returns><see langword="true"/> when a client would accept it as <see cref="ClientMd5"/>.</returns>
    public static bool IsValidClientMd5(string? value)
    {
        if (value is not { Length: 32 })
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Tells whether <paramref name="endpoint"/> is a plain http address of a host that is not a loopback address: one a
    /// client accepts only when <see cref="AllowInsecureHttp"/> is <see langword="true"/>, because the md5 would cross the
    /// network unencrypted.
    /// </summary>
    /// <remarks>The rule <see cref="Endpoint"/> is validated by, for tools that word their own refusal of such an address.</remarks>
    /// <param name="endpoint">The candidate endpoint.</param>
    /// <returns><see langword="true"/> for an absolute <c>http</c> address of a host that is not a loopback address.</returns>
    public static bool IsInsecureEndpoint(Uri? endpoint) =>
        endpoint is { IsAbsoluteUri: true } && endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback;

    /// <summary>The endpoint as it is safe to print: without the user name and password an address may hold.</summary>
    private static string Shown(Uri? endpoint) =>
        endpoint is { IsAbsoluteUri: true, UserInfo.Length: > 0 }
            ? new UriBuilder(endpoint) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : endpoint?.ToString() ?? string.Empty;

    private static Uri WithTrailingSlash(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path) + "/");
}
