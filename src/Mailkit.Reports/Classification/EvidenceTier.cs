namespace Mailkit.Reports.Classification;

/// <summary>
/// The order in which kinds of evidence are tried; the first rule that holds, in this order and then in the order the
/// rules are written, decides. The classification article's precedence table explains each row.
/// </summary>
internal enum EvidenceTier
{
    /// <summary>The caller's rules, always first.</summary>
    Caller,

    /// <summary>Provider rules: a host condition, or a wording only one provider uses.</summary>
    Provider,

    /// <summary>A specific phrase: it names what failed and how ("mailbox full", "blocked using").</summary>
    Phrase,

    /// <summary>The enhanced status code's subject and detail, from the registry; the codes that carry many reasons have no rule.</summary>
    EnhancedStatus,

    /// <summary>
    /// A combination of concept words within one clause ("schránka" and "plná", "domain" and "does not exist"): it
    /// names an object and its state, but in words that matched apart, so it ranks below the status.
    /// </summary>
    Concept,

    /// <summary>A generic phrase ("listed in", "access denied"): it decides only when no status rule does.</summary>
    WeakPhrase,

    /// <summary>The SMTP reply code, only the codes with a single meaning.</summary>
    ReplyCode,

    /// <summary>Mailkit's own category, <c>BOUNCE_CAT</c>.</summary>
    MailkitHint,
}
