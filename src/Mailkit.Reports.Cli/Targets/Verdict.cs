using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// The classifier's verdict on a record as the targets store it: the reason by sisimai's lower-case name, whether it is
/// a hard bounce, and the advice in lower case. The names are lower case so that they never meet Mailkit's keys, which
/// are all upper case.
/// </summary>
internal sealed record Verdict(string Reason, bool HardBounce, string Advice)
{
    /// <summary>The column or key of <see cref="Reason"/>.</summary>
    public const string ReasonColumn = "reason";

    /// <summary>The column or key of <see cref="HardBounce"/>.</summary>
    public const string HardBounceColumn = "hard_bounce";

    /// <summary>The column or key of <see cref="Advice"/>.</summary>
    public const string AdviceColumn = "advice";

    /// <summary>The names of the three columns, in the order the targets write them.</summary>
    public static readonly IReadOnlyList<string> Columns = [ReasonColumn, HardBounceColumn, AdviceColumn];

    /// <summary>Gets <see cref="HardBounce"/> as the text files write it.</summary>
    public string HardBounceText => HardBounce ? "true" : "false";

    /// <summary>The verdict of <paramref name="classifier"/> (the built-in one, or one taught with <c>--examples</c>) on a record.</summary>
    public static Verdict Of(BounceClassifier classifier, BounceRecord record) => Of(classifier.Classify(record));

    /// <summary>The verdict on a stored row, from the columns the targets keep.</summary>
    public static Verdict Of(BounceClassifier classifier, string status, string reply, string remoteMta, string email, string? category, string recipientStatus) =>
        Of(classifier.Classify(status, reply, remoteMta, email, category, recipientStatus));

    public static Verdict Of(BounceClassification classification) =>
        new(BounceReasons.ToSisimaiName(classification.Reason), classification.IsHardBounce, AdviceName(classification.Advice));

    /// <summary>The advice as the targets write it: <c>retry</c>, <c>suppressifrepeated</c>, <c>suppress</c> or <c>fixsending</c>.</summary>
    public static string AdviceName(BounceAdvice advice) => advice.ToString().ToLowerInvariant();
}
