using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// The classifier's verdict as the stores write it: the reason by sisimai's lower-case name, whether it is a hard bounce,
/// and the advice in lower case. The names are lower case so that they never meet Mailkit's keys, which are all upper
/// case. Read back, the reason is the stored text (an export made elsewhere may hold any), and the advice is
/// <see cref="BounceAdvice"/> again when it is one of its names.
/// </summary>
internal sealed record Verdict(string Reason, bool HardBounce, string Advice)
{
    /// <summary>The column or key of <see cref="Reason"/>.</summary>
    public const string ReasonColumn = "reason";

    /// <summary>The column or key of <see cref="HardBounce"/>.</summary>
    public const string HardBounceColumn = "hard_bounce";

    /// <summary>The column or key of <see cref="Advice"/>.</summary>
    public const string AdviceColumn = "advice";

    /// <summary>The names of the three columns, in the order the stores write them.</summary>
    public static readonly IReadOnlyList<string> Columns = [ReasonColumn, HardBounceColumn, AdviceColumn];

    /// <summary>Gets <see cref="HardBounce"/> as the text files write it.</summary>
    public string HardBounceText => HardBounce ? "true" : "false";

    /// <summary>Gets the advice as <see cref="BounceAdvice"/>, or <see langword="null"/> for a text that names none.</summary>
    public BounceAdvice? AdviceValue => ParseAdvice(Advice);

    public static Verdict Of(BounceClassification classification) =>
        new(BounceReasons.ToSisimaiName(classification.Reason), classification.IsHardBounce, AdviceName(classification.Advice));

    /// <summary>The advice as the stores write it: <c>retry</c>, <c>suppressifrepeated</c>, <c>suppress</c> or <c>fixsending</c>.</summary>
    public static string AdviceName(BounceAdvice advice) => advice switch
    {
        BounceAdvice.Retry => "retry",
        BounceAdvice.SuppressIfRepeated => "suppressifrepeated",
        BounceAdvice.Suppress => "suppress",
        BounceAdvice.FixSending => "fixsending",
        _ => advice.ToString().ToLowerInvariant(),
    };

    /// <summary>A stored advice name as <see cref="BounceAdvice"/>; <see langword="null"/> for any other text.</summary>
    public static BounceAdvice? ParseAdvice(string text) => text switch
    {
        "retry" => BounceAdvice.Retry,
        "suppressifrepeated" => BounceAdvice.SuppressIfRepeated,
        "suppress" => BounceAdvice.Suppress,
        "fixsending" => BounceAdvice.FixSending,
        _ => null,
    };
}
