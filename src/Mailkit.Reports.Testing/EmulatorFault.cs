namespace Mailkit.Reports.Testing;

/// <summary>A failure the emulator can answer a request with instead of its page.</summary>
public enum EmulatorFault
{
    /// <summary>No fault: the page.</summary>
    None = 0,

    /// <summary>HTTP 429 Too Many Requests.</summary>
    TooManyRequests,

    /// <summary>HTTP 500 Internal Server Error.</summary>
    InternalServerError,

    /// <summary>HTTP 502 Bad Gateway, with an HTML body as a proxy sends it.</summary>
    BadGateway,

    /// <summary>HTTP 503 Service Unavailable.</summary>
    ServiceUnavailable,

    /// <summary>The page, but only after <see cref="MailkitEmulator.SlowResponseDelay"/>: slower than a client's attempt timeout.</summary>
    SlowResponse,

    /// <summary>The connection is reset in the middle of the body.</summary>
    ResetMidBody,

    /// <summary>The body announces its full length but ends halfway.</summary>
    CutShortBody,

    /// <summary>HTTP 200 with an HTML maintenance page instead of data.</summary>
    HtmlPage,

    /// <summary>Mailkit's answer to wrong credentials: <c>Unauthorized</c>.</summary>
    Unauthorized,

    /// <summary>Mailkit's answer to a caller outside the allow-list: <c>Disallowed IP …</c>.</summary>
    DisallowedIp,
}
