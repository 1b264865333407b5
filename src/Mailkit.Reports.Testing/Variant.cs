namespace Mailkit.Reports.Testing;

/// <summary>One wording of a bounce: its status, reply, Mailkit category, true reason and the domains whose servers use it.</summary>
internal sealed class Variant(string status, string reply, string category, string? reason, params string[] domains)
{
    public string Status { get; } = status;

    public string Reply { get; } = reply;

    public string Category { get; } = category;

    /// <summary>Gets sisimai's name of the reason the reply states, or <see langword="null"/> when it states none clearly.</summary>
    public string? Reason { get; } = reason;

    public string[] Domains { get; } = domains;
}
