namespace Mailkit.Reports.Cli.Report;

/// <summary>A reason as stored, hard or soft, and how many bounces give it.</summary>
internal sealed record ReasonRow(string Reason, bool HardBounce, long Count)
{
    public BounceKind Kind => BounceKinds.Of(Reason, HardBounce);
}
