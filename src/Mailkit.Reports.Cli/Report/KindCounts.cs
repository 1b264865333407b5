namespace Mailkit.Reports.Cli.Report;

/// <summary>Bounce counts by <see cref="BounceKind"/>.</summary>
internal sealed record KindCounts(long Hard, long AddressSoft, long SenderSide)
{
    public static readonly KindCounts Zero = new(0, 0, 0);

    public long Total => Hard + AddressSoft + SenderSide;

    public long this[BounceKind kind] => kind switch
    {
        BounceKind.Hard => Hard,
        BounceKind.AddressSoft => AddressSoft,
        _ => SenderSide,
    };

    public KindCounts Add(BounceKind kind, long count) => kind switch
    {
        BounceKind.Hard => this with { Hard = Hard + count },
        BounceKind.AddressSoft => this with { AddressSoft = AddressSoft + count },
        _ => this with { SenderSide = SenderSide + count },
    };
}
