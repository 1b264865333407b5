namespace Mailkit.Reports.Classification;

/// <summary>What to do about a bounced address; <see cref="BounceClassification.Advice"/> documents the table.</summary>
public enum BounceAdvice
{
    /// <summary>Keep mailing: the cause is temporary or undetermined.</summary>
    Retry = 0,

    /// <summary>A problem of the address that may pass: stop mailing it when it repeats over several sends.</summary>
    SuppressIfRepeated,

    /// <summary>A hard bounce: stop mailing the address.</summary>
    Suppress,

    /// <summary>The sender's side is at fault (reputation, authentication, content, pace): fix the sending, keep the address.</summary>
    FixSending,
}
