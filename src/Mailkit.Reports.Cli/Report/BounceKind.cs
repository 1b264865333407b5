namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// The three kinds of bounce the report counts apart: hard (the stored verdict says so), sender-side (a soft bounce
/// whose reason the SDK's <see cref="Classification.BounceReasons.IsSenderSide"/> holds) and address-level soft (every other soft one).
/// </summary>
internal enum BounceKind
{
    /// <summary>A hard bounce: the address does not exist or accepts no mail.</summary>
    Hard,

    /// <summary>A soft bounce of the address itself: a full mailbox, a suspended account, an unclear reply.</summary>
    AddressSoft,

    /// <summary>A soft bounce that points at the sender: a block list, authentication, PTR, reputation, rate.</summary>
    SenderSide,
}
