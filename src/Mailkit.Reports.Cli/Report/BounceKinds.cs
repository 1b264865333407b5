using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli.Report;

/// <summary>Sorts a stored verdict into its <see cref="BounceKind"/>.</summary>
internal static class BounceKinds
{
    public static readonly BounceKind[] All = [BounceKind.Hard, BounceKind.AddressSoft, BounceKind.SenderSide];

    public static BounceKind Of(string reason, bool hardBounce) =>
        hardBounce ? BounceKind.Hard
        : BounceReasons.TryParse(reason, out var parsed) && BounceReasons.IsSenderSide(parsed) ? BounceKind.SenderSide
        : BounceKind.AddressSoft;

    /// <summary>The reason a stored text names, or <see langword="null"/> for one the SDK does not know.</summary>
    public static BounceReason? Reason(string reason) => BounceReasons.TryParse(reason, out var parsed) ? parsed : null;

    public static string Name(BounceKind kind) => kind switch
    {
        BounceKind.Hard => "hard",
        BounceKind.AddressSoft => "address-level soft",
        _ => "sender-side",
    };
}
