namespace Mailkit.Reports.Classification;

/// <summary>Converts <see cref="BounceReason"/> to and from sisimai's lower-case names (<c>userunknown</c>).</summary>
public static class BounceReasons
{
    // Indexed by the enum's value; sisimai 5.6 spells "undefined" what this library calls Undetermined.
    private static readonly string[] Names =
    [
        "undefined", "authfailure", "badreputation", "blocked", "contenterror", "emailtoolarge", "expired",
        "failedstarttls", "filtered", "hasmoved", "hostunknown", "mailboxfull", "mailererror", "networkerror",
        "norelaying", "notaccept", "notcompliantrfc", "policyviolation", "ratelimited", "rejected", "requireptr",
        "securityerror", "spamdetected", "suppressed", "suspend", "syntaxerror", "systemerror", "systemfull",
        "userunknown", "virusdetected",
    ];

    /// <summary>Gets sisimai's lower-case name of a reason, without allocating.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>For example <c>userunknown</c>; <c>undefined</c> for <see cref="BounceReason.Undetermined"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined value.</exception>
    public static string ToSisimaiName(BounceReason reason)
    {
        var index = (int)reason;
        if ((uint)index >= (uint)Names.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "The value is not a defined BounceReason.");
        }

        return Names[index];
    }

    /// <summary>
    /// Gets whether a reason points at the sender rather than at the recipient's address: the receiving side refused the
    /// sending IP address, domain or rate (a block list, failed SPF, DKIM or DMARC, no PTR record, a poor reputation,
    /// content judged to be spam, throttling, a local policy). Such bounces are fixed by the sender, not by dropping the
    /// address: they say nothing of whether it exists.
    /// </summary>
    /// <remarks>
    /// The reasons are sisimai's <c>blocked</c>, <c>authfailure</c>, <c>requireptr</c>, <c>badreputation</c>,
    /// <c>spamdetected</c>, <c>ratelimited</c> and <c>policyviolation</c>; RFC 3463 classes most of them under
    /// X.7.X (security or policy status), and the rest under X.4.X delivery failures that the receiver attributes to
    /// the sender (rate limits).
    /// </remarks>
    /// <param name="reason">The reason.</param>
    /// <returns><see langword="true"/> for a sender-side reason.</returns>
    public static bool IsSenderSide(BounceReason reason) => reason is BounceReason.Blocked or BounceReason.AuthFailure
        or BounceReason.RequirePtr or BounceReason.BadReputation or BounceReason.SpamDetected or BounceReason.RateLimited
        or BounceReason.PolicyViolation;

    /// <summary>
    /// Reads a sisimai name, case-insensitively, ignoring <c>-</c>, <c>_</c> and spaces; sisimai's older names
    /// (<c>toomanyconn</c>, <c>speeding</c>, <c>mesgtoobig</c>, <c>exceedlimit</c>) map to their 5.6 successors.
    /// </summary>
    /// <param name="name">The name, for example <c>userunknown</c> or <c>User_Unknown</c>.</param>
    /// <param name="reason">The reason when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a reason.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out BounceReason reason)
    {
        Span<char> buffer = stackalloc char[24];
        var length = 0;
        foreach (var ch in name)
        {
            if (ch is '-' or '_' or ' ')
            {
                continue;
            }

            if (length == buffer.Length || ch > 127)
            {
                reason = BounceReason.Undetermined;
                return false;
            }

            buffer[length++] = char.ToLowerInvariant(ch);
        }

        var key = buffer[..length];
        for (var i = 0; i < Names.Length; i++)
        {
            if (key.SequenceEqual(Names[i]))
            {
                reason = (BounceReason)i;
                return true;
            }
        }

        reason = key switch
        {
            "undetermined" => BounceReason.Undetermined,
            "toomanyconn" or "speeding" => BounceReason.RateLimited,
            "mesgtoobig" or "exceedlimit" => BounceReason.EmailTooLarge,
            _ => (BounceReason)(-1),
        };
        if ((int)reason < 0)
        {
            reason = BounceReason.Undetermined;
            return false;
        }

        return true;
    }

    /// <summary>Reads a sisimai name; see <see cref="TryParse(ReadOnlySpan{char}, out BounceReason)"/>.</summary>
    /// <param name="name">The name, or <see langword="null"/>.</param>
    /// <param name="reason">The reason when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a reason.</returns>
    public static bool TryParse(string? name, out BounceReason reason)
    {
        if (name is null)
        {
            reason = BounceReason.Undetermined;
            return false;
        }

        return TryParse(name.AsSpan(), out reason);
    }

    /// <summary>
    /// Tells whether a verdict is a hard bounce: user unknown, host unknown, has moved or not-accept, and nothing about
    /// the record temporary (no 4.x.x status, no 4xx reply, no temporary recipient status).
    /// </summary>
    internal static bool IsHard(BounceReason reason, bool transientReply) =>
        !transientReply && reason is BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved or BounceReason.NotAccept;

    /// <summary>Tells whether a reason is hard when nothing says the failure is temporary.</summary>
    internal static bool IsHardReason(BounceReason reason) =>
        reason is BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved or BounceReason.NotAccept;

    /// <summary>The advice table; the classification article and <see cref="BounceClassification.Advice"/> show it.</summary>
    internal static BounceAdvice AdviceFor(BounceReason reason, bool isHard)
    {
        if (isHard)
        {
            return BounceAdvice.Suppress;
        }

        return reason switch
        {
            BounceReason.MailboxFull or BounceReason.Suspend or BounceReason.NotAccept or BounceReason.Expired
                or BounceReason.Filtered or BounceReason.Suppressed => BounceAdvice.SuppressIfRepeated,

            // A hard reason on a temporary failure: the address may be gone, or the server may be mid-change.
            BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved => BounceAdvice.SuppressIfRepeated,
            BounceReason.AuthFailure or BounceReason.BadReputation or BounceReason.Blocked or BounceReason.ContentError
                or BounceReason.EmailTooLarge or BounceReason.FailedStartTls or BounceReason.NoRelaying
                or BounceReason.NotCompliantRfc or BounceReason.PolicyViolation or BounceReason.RateLimited
                or BounceReason.Rejected or BounceReason.RequirePtr or BounceReason.SecurityError
                or BounceReason.SpamDetected or BounceReason.SyntaxError or BounceReason.VirusDetected => BounceAdvice.FixSending,
            _ => BounceAdvice.Retry,
        };
    }
}
