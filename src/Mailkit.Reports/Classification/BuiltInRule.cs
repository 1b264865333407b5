namespace Mailkit.Reports.Classification;

/// <summary>
/// A rule read from a built-in rule file, with the examples that prove it and where it was written. A
/// <see cref="Weak"/> rule's phrases are generic wordings that rank below the enhanced status code.
/// </summary>
internal sealed record BuiltInRule(BounceRule Rule, IReadOnlyList<RuleExample> Examples, string File, int Line, bool Weak = false);
