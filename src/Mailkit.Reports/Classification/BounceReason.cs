namespace Mailkit.Reports.Classification;

/// <summary>
/// Why a message bounced, in sisimai 5.6's vocabulary; <see cref="BounceReasons.ToSisimaiName"/> gives sisimai's spelling.
/// </summary>
public enum BounceReason
{
    /// <summary>No rule decided: the reply says too little.</summary>
    Undetermined = 0,

    /// <summary>The message failed SPF, DKIM or DMARC checks.</summary>
    AuthFailure,

    /// <summary>The sending IP address or domain has a poor reputation.</summary>
    BadReputation,

    /// <summary>The sending IP address is blocked (a DNS block list, a local block).</summary>
    Blocked,

    /// <summary>The message's content (MIME, encoding, headers) was invalid.</summary>
    ContentError,

    /// <summary>The message is larger than the recipient accepts.</summary>
    EmailTooLarge,

    /// <summary>Delivery was retried until the message expired in the queue.</summary>
    Expired,

    /// <summary>The TLS handshake (STARTTLS) failed or TLS was required and missing.</summary>
    FailedStartTls,

    /// <summary>The recipient's server accepted the address but rejected the message after DATA (a filter).</summary>
    Filtered,

    /// <summary>The recipient has moved; the server named a new address.</summary>
    HasMoved,

    /// <summary>The recipient's domain does not exist.</summary>
    HostUnknown,

    /// <summary>The recipient's mailbox is full.</summary>
    MailboxFull,

    /// <summary>The recipient's mailer program (a pipe, procmail) failed.</summary>
    MailerError,

    /// <summary>A network problem (DNS failure, lost connection) stopped delivery.</summary>
    NetworkError,

    /// <summary>The server refused to relay the message.</summary>
    NoRelaying,

    /// <summary>The domain accepts no mail (null MX, no mail exchanger).</summary>
    NotAccept,

    /// <summary>The message does not comply with the RFCs (for example several From addresses).</summary>
    NotCompliantRfc,

    /// <summary>The message broke the recipient's policy.</summary>
    PolicyViolation,

    /// <summary>Too many messages or connections: the sender was throttled.</summary>
    RateLimited,

    /// <summary>The envelope sender was rejected.</summary>
    Rejected,

    /// <summary>The sending IP address has no valid reverse DNS (PTR) record.</summary>
    RequirePtr,

    /// <summary>A security check failed (authentication required, access denied).</summary>
    SecurityError,

    /// <summary>The message was judged to be spam.</summary>
    SpamDetected,

    /// <summary>The address is on a suppression list.</summary>
    Suppressed,

    /// <summary>The recipient's account is disabled or suspended.</summary>
    Suspend,

    /// <summary>An SMTP command had a syntax error or came out of sequence.</summary>
    SyntaxError,

    /// <summary>The recipient's server had an internal error.</summary>
    SystemError,

    /// <summary>The recipient's server is out of disk space.</summary>
    SystemFull,

    /// <summary>The recipient's address does not exist.</summary>
    UserUnknown,

    /// <summary>The message carried a virus.</summary>
    VirusDetected,
}
