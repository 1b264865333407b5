namespace Mailkit.Reports.Classification;

/// <summary>Settings of a <see cref="BounceClassifier"/>.</summary>
public sealed class BounceClassifierOptions
{
    /// <summary>Gets the caller's rules, tried in order before every built-in rule.</summary>
    /// <value>The default is empty. Each rule is validated when the classifier is created.</value>
    /// <example><c>new BounceClassifierOptions { Rules = [new BounceRule("acme.blocked", BounceReason.Blocked) { ReplyCode = 554 }] }</c>.</example>
    public IReadOnlyList<BounceRule> Rules { get; init; } = [];

    /// <summary>Gets or sets a value indicating whether the built-in rules run after the caller's.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseBuiltInRules { get; set; } = true;

    /// <summary>
    /// Gets labelled bounces that decide the records no rule decides: such a record takes the reason of the most similar
    /// examples, with <see cref="BounceEvidenceKind.NearestExamples"/>, or stays <see cref="BounceReason.Undetermined"/>
    /// when none is similar enough.
    /// </summary>
    /// <value>
    /// The default is empty: a record no rule decides stays undetermined. The package ships no examples. Each example is
    /// validated when the classifier is created.
    /// </value>
    /// <remarks>
    /// <para>
    /// Replies are compared by the cosine similarity of the TF-IDF weights of their words' character 3- to 5-grams,
    /// folded as the rules fold phrases (case and diacritics do not count), after addresses, host names, IP addresses
    /// and numbers are dropped; the enhanced status code and the remote MTA's domain count as one feature each. The three
    /// nearest examples whose similarity is at least 0.6 vote with it; none at least that similar leaves the record
    /// undetermined. Only the first 4,096 characters of a reply, the example's and the record's, are compared.
    /// </para>
    /// <para>
    /// Such a verdict is hard by the same rule as a rule's verdict, except that it is never hard for a 4xx status or reply
    /// or a <c>RECIPIENT_STATUS</c> of temporary. At most 100,000 examples; the index takes memory in proportion to the
    /// examples' text.
    /// </para>
    /// </remarks>
    /// <example><c>new BounceClassifierOptions { Examples = [new BounceExample("smtp; 550 Adresát neznámý", BounceReason.UserUnknown)] }</c>.</example>
    public IReadOnlyList<BounceExample> Examples { get; init; } = [];
}
