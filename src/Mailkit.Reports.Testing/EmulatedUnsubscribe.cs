using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing;

/// <summary>One unsubscribe of the emulator's world, as <c>mailkit.mailinglist.unsubscribed</c> sends it.</summary>
public sealed class EmulatedUnsubscribe : EmulatedRecord
{
    internal EmulatedUnsubscribe(string email, string groups, DateTimeOffset unsubscribedAt)
    {
        Email = email;
        Groups = groups;
        UnsubscribedAt = unsubscribedAt;
    }

    /// <summary>Gets <c>EMAIL</c>: an address, or a phone number such as <c>+420777123456</c>.</summary>
    public string Email { get; }

    /// <summary>Gets <c>ID_UNSUBSCRIBE_GROUP</c> as sent: <c>""</c> or <c>0</c> (every group), or group IDs such as <c>27,29</c>.</summary>
    public string Groups { get; }

    /// <summary>Gets when the recipient unsubscribed (<c>DATE</c>).</summary>
    public DateTimeOffset UnsubscribedAt { get; }

    private protected override List<KeyValuePair<string, string>> BuildFields() =>
    [
        new("DATE", PragueTime.Text(UnsubscribedAt)),
        new("ID_UNSUBSCRIBE_GROUP", Groups),
        new("EMAIL", Email),
    ];
}
