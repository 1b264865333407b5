namespace Mailkit.Reports.Classification;

/// <summary>The verdict of <see cref="BounceClassifier"/> on one bounce: why, how hard, what to do, and which rule said so.</summary>
public sealed class BounceClassification
{
    // In 1/65535 steps: two bytes keep the object at 48 bytes, the one allocation of a classification.
    private readonly ushort _confidence;

    internal BounceClassification(
        BounceReason reason,
        bool isHardBounce,
        string ruleId,
        string evidence,
        BounceEvidenceKind evidenceKind,
        bool disagreesWithMailkit,
        double confidence = 1.0)
    {
        Reason = reason;
        IsHardBounce = isHardBounce;
        Advice = BounceReasons.AdviceFor(reason, isHardBounce);
        RuleId = ruleId;
        Evidence = evidence;
        EvidenceKind = evidenceKind;
        DisagreesWithMailkit = disagreesWithMailkit;
        _confidence = reason == BounceReason.Undetermined ? (ushort)0 : (ushort)Math.Round(Math.Clamp(confidence, 0.0, 1.0) * ushort.MaxValue);
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

    /// <summary>
    /// Gets the ID of the rule that decided, for example <c>en.userunknown.user-unknown</c>; for
    /// <see cref="BounceEvidenceKind.NearestExamples"/>, the nearest example's <see cref="BounceExample.Id"/>, or
    /// <c>examples[i]</c> by its index when it has none; empty when nothing decided.
    /// </summary>
    public string RuleId { get; }

    /// <summary>
    /// Gets what matched, as the rule spells it: a phrase, a status code, a reply code, a host suffix or a category; for
    /// <see cref="BounceEvidenceKind.NearestExamples"/>, the nearest example's reply; empty when nothing did.
    /// </summary>
    public string Evidence { get; }

    /// <summary>Gets which kind of evidence decided.</summary>
    public BounceEvidenceKind EvidenceKind { get; }

    /// <summary>
    /// Gets a value indicating whether Mailkit's own view disagrees with the verdict: <c>RECIPIENT_STATUS</c> says
    /// permanent for a soft verdict or temporary for a hard one, or <c>BOUNCE_CAT</c> names a category of the other
    /// hardness. Always <see langword="false"/> for <see cref="BounceReason.Undetermined"/>.
    /// </summary>
    public bool DisagreesWithMailkit { get; }

    /// <summary>Gets how sure the verdict is, from 0 to 1.</summary>
    /// <value>
    /// 1 for a verdict of a rule, which either holds or not; 0 for <see cref="BounceReason.Undetermined"/>. For
    /// <see cref="BounceEvidenceKind.NearestExamples"/>, the mean, over the three nearest examples, of the cosine
    /// similarity of those that name the reason (an example less similar than the threshold counts 0), so at least
    /// 0.2 (one example at the threshold of 0.6) and 1 only when three examples read exactly like the reply. Kept to
    /// 1/65535.
    /// </value>
    public double Confidence => _confidence / (double)ushort.MaxValue;

    /// <summary>Returns the reason, the hardness and the rule.</summary>
    /// <returns>For example <c>UserUnknown hard (en.userunknown.user-unknown)</c>.</returns>
    public override string ToString() => $"{Reason} {(IsHardBounce ? "hard" : "soft")} ({RuleId})";
}
