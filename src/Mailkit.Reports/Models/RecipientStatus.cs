namespace Mailkit.Reports.Models;

/// <summary>
/// The state of a bounced recipient as Mailkit reports it in <c>RECIPIENT_STATUS</c>.
/// </summary>
public enum RecipientStatus
{
    /// <summary>The value was empty or not one the SDK knows; <see cref="BounceRecord.RecipientStatusText"/> keeps it.</summary>
    Unknown = 0,

    /// <summary><c>permanent</c>: a hard bounce; the address should not be mailed again.</summary>
    Permanent = 1,

    /// <summary><c>temporary</c>: a soft bounce; a later delivery may succeed.</summary>
    Temporary = 2,
}
