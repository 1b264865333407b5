namespace Mailkit.Reports.Classification;

/// <summary>Which kind of evidence decided a <see cref="BounceClassification"/>, in the order the classifier tries them.</summary>
public enum BounceEvidenceKind
{
    /// <summary>Nothing matched.</summary>
    None = 0,

    /// <summary>A rule from <see cref="BounceClassifierOptions.Rules"/>.</summary>
    CallerRule,

    /// <summary>A provider's rule, chosen by the remote MTA's or the recipient domain's host suffix.</summary>
    Provider,

    /// <summary>A phrase in the server's reply.</summary>
    Phrase,

    /// <summary>The enhanced status code (RFC 3463, the IANA registry, vendor codes).</summary>
    EnhancedStatus,

    /// <summary>The SMTP reply code.</summary>
    ReplyCode,

    /// <summary>Mailkit's own category (<c>BOUNCE_CAT</c>).</summary>
    MailkitHint,

    /// <summary>
    /// No rule decided; the labelled examples of <see cref="BounceClassifierOptions.Examples"/> most similar to the reply
    /// did. The evidence is the nearest such example's reply.
    /// </summary>
    NearestExamples,
}
