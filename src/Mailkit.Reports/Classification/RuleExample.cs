namespace Mailkit.Reports.Classification;

/// <summary>An example written beside a built-in rule: a bounce the rule must classify (<c>+</c>) or must not match (<c>-</c>).</summary>
internal sealed record RuleExample(bool MustMatch, string Reply, string? Status, string? RemoteMta, string? Email, string? BounceCategory);
