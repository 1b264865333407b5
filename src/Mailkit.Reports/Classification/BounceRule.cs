namespace Mailkit.Reports.Classification;

/// <summary>
/// One classification rule: a reason and the conditions that must all hold for it (at least one condition).
/// Built-in rules are the same, read from the data files shipped in the assembly.
/// </summary>
/// <remarks>
/// Phrases match case-insensitively at word boundaries, ignoring diacritics (<c>schránka</c> matches <c>schranka</c>),
/// punctuation and runs of white space; a <c>*</c> at either end of a phrase drops the word boundary on that side.
/// </remarks>
public sealed class BounceRule
{
    /// <summary>Initializes a rule.</summary>
    /// <param name="id">A stable ID, for example <c>acme.userunknown.no-mailbox</c>.</param>
    /// <param name="reason">The reason the rule gives.</param>
    public BounceRule(string id, BounceReason reason)
    {
        Id = id;
        Reason = reason;
    }

    /// <summary>Gets the rule's stable ID, reported as <see cref="BounceClassification.RuleId"/>.</summary>
    public string Id { get; }

    /// <summary>Gets the reason the rule gives.</summary>
    public BounceReason Reason { get; }

    /// <summary>Gets phrases of which the reply must contain one.</summary>
    /// <value>The default is empty: no phrase condition.</value>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Gets phrases of which the reply must also contain one, for example <c>end of DATA</c>.</summary>
    /// <value>The default is empty: no context condition. Only valid with <see cref="Phrases"/>.</value>
    public IReadOnlyList<string> ContextPhrases { get; init; } = [];

    /// <summary>
    /// Gets the enhanced status code the record must carry: <c>5.7.26</c> exactly, <c>5.7</c> for any detail,
    /// <c>x.1.1</c> for either class.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no status condition.</value>
    public string? EnhancedStatus { get; init; }

    /// <summary>Gets the SMTP reply code the reply must start with, for example 552.</summary>
    /// <value>The default is <see langword="null"/>: no reply-code condition.</value>
    public int? ReplyCode { get; init; }

    /// <summary>Gets host suffixes of which the remote MTA or the recipient's domain must end with one, for example <c>seznam.cz</c>.</summary>
    /// <value>The default is empty: no host condition.</value>
    public IReadOnlyList<string> HostSuffixes { get; init; } = [];

    /// <summary>Gets Mailkit's category (<c>BOUNCE_CAT</c>) the record must carry, compared case-insensitively.</summary>
    /// <value>The default is <see langword="null"/>: no category condition.</value>
    public string? BounceCategory { get; init; }

    /// <summary>Returns the rule's ID and reason.</summary>
    /// <returns>For example <c>acme.userunknown.no-mailbox → UserUnknown</c>.</returns>
    public override string ToString() => $"{Id} → {Reason}";
}
