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
}
