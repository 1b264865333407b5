namespace Mailkit.Reports.Classification;

/// <summary>The verdict of <see cref="BounceClassifier"/> on one bounce: why, how hard, what to do, and which rule said so.</summary>
public sealed class BounceClassification
{
    internal BounceClassification(
        BounceReason reason, bool isHardBounce, string ruleId, string evidence, BounceEvidenceKind evidenceKind, bool disagreesWithMailkit)
    {
        Reason = reason;
        IsHardBounce = isHardBounce;
        Advice = BounceReasons.AdviceFor(reason, isHardBounce);
        RuleId = ruleId;
        Evidence = evidence;
        EvidenceKind = evidenceKind;
        DisagreesWithMailkit = disagreesWithMailkit;
    }

    /// <summary>Gets the reason; <see cref="BounceReason.Undetermined"/> when no rule matched.</summary>
    public BounceReason Reason { get; }

    /// <summary>
    /// Gets a value indicating whether the bounce is hard: exactly <see cref="BounceReason.UserUnknown"/>,
    /// <see cref="BounceReason.HostUnknown"/>, <see cref="BounceReason.HasMoved"/> and <see cref="BounceReason.NotAccept"/>,
    /// unless the status, the final reply code or <c>RECIPIENT_STATUS</c> says the failure is temporary. Every other
    /// reason is soft.
    /// </summary>
    public bool IsHardBounce { get; }

    /// <summary>Gets what to do about the address.</summary>
    /// <value>
    /// <see cref="BounceAdvice.Suppress"/> for a hard bounce. <see cref="BounceAdvice.SuppressIfRepeated"/> for problems of
    /// the address that may pass: MailboxFull, Suspend, Expired, Filtered, Suppressed, and UserUnknown, HostUnknown,
    /// HasMoved and NotAccept on a temporary failure.
    /// <see cref="BounceAdvice.FixSending"/> for the sender's side: AuthFailure, BadReputation, Blocked, ContentError,
    /// EmailTooLarge, FailedStartTls, NoRelaying, NotCompliantRfc, PolicyViolation, RateLimited, Rejected, RequirePtr,
    /// SecurityError, SpamDetected, SyntaxError, VirusDetected. <see cref="BounceAdvice.Retry"/> otherwise: MailerError,
    /// NetworkError, SystemError, SystemFull, Undetermined.
    /// </value>
    public BounceAdvice Advice { get; }

    /// <summary>Gets the ID of the rule that decided, for example <c>en.userunknown.user-unknown</c>; empty when none did.</summary>
    public string RuleId { get; }

    /// <summary>Gets what matched, as the rule spells it: a phrase, a status code, a reply code, a host suffix or a category; empty when nothing did.</summary>
    public string Evidence { get; }

    /// <summary>Gets which kind of evidence decided.</summary>
    public BounceEvidenceKind EvidenceKind { get; }

    /// <summary>
    /// Gets a value indicating whether Mailkit's own view disagrees with the verdict: <c>RECIPIENT_STATUS</c> says
    /// permanent for a soft verdict or temporary for a hard one, or <c>BOUNCE_CAT</c> names a category of the other
    /// hardness. Always <see langword="false"/> for <see cref="BounceReason.Undetermined"/>.
    /// </summary>
    public bool DisagreesWithMailkit { get; }

    /// <summary>Returns the reason, the hardness and the rule.</summary>
    /// <returns>For example <c>UserUnknown hard (en.userunknown.user-unknown)</c>.</returns>
    public override string ToString() => $"{Reason} {(IsHardBounce ? "hard" : "soft")} ({RuleId})";
}
