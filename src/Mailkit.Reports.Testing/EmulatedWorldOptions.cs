namespace Mailkit.Reports.Testing;

/// <summary>
/// The shape of the world <see cref="MailkitEmulator.AddWorld"/> generates. The defaults give a demo world: 6 campaigns of
/// 4 sends to 150 recipients each (3 600 messages, some 300 bounces) over 8 weeks from 21 September 2026, across the
/// autumn change of Prague's clocks. A world holds at most <see cref="MaxMessages"/> messages.
/// </summary>
public sealed class EmulatedWorldOptions
{
    /// <summary>The most messages a world may hold: <see cref="Campaigns"/> × <see cref="SendsPerCampaign"/> × <see cref="RecipientsPerSend"/>.</summary>
    public const int MaxMessages = 5_000_000;

    /// <summary>Gets or sets how many campaigns there are, from 1 to 1 000.</summary>
    /// <value>The default is 6.</value>
    public int Campaigns { get; set; } = 6;

    /// <summary>Gets or sets how many sends each campaign has, from 1 to 1 000.</summary>
    /// <value>The default is 4.</value>
    public int SendsPerCampaign { get; set; } = 4;

    /// <summary>Gets or sets how many recipients each send has, from 1 to 100 000.</summary>
    /// <value>The default is 150.</value>
    public int RecipientsPerSend { get; set; } = 150;

    /// <summary>Gets or sets the first Prague day a send may start on.</summary>
    /// <value>The default is 21 September 2026, so that the default world holds summer and winter time.</value>
    public DateOnly FirstDay { get; set; } = new(2026, 9, 21);

    /// <summary>Gets or sets over how many weeks the sends are spread, from 1 to 520.</summary>
    /// <value>The default is 8.</value>
    public int Weeks { get; set; } = 8;

    /// <summary>Gets or sets the seed; the same options always give the same world.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Gets or sets a value indicating which instant a wall-clock time in the hour that autumn repeats (last Sunday of
    /// October, 02:00–02:59 in Prague) names in this world: the later pass (standard time, +01:00) when set, else the
    /// earlier (summer time, +02:00). When the weeks hold that Sunday, one send starts at 02:05 that night.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the earlier pass.</value>
    public bool RepeatedHourIsLaterPass { get; set; }

    /// <summary>Throws when a setting is out of its range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Campaigns, 1, nameof(Campaigns));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Campaigns, 1_000, nameof(Campaigns));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendsPerCampaign, 1, nameof(SendsPerCampaign));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SendsPerCampaign, 1_000, nameof(SendsPerCampaign));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecipientsPerSend, 1, nameof(RecipientsPerSend));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecipientsPerSend, 100_000, nameof(RecipientsPerSend));
        ArgumentOutOfRangeException.ThrowIfLessThan(Weeks, 1, nameof(Weeks));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Weeks, 520, nameof(Weeks));
        if ((long)Campaigns * SendsPerCampaign * RecipientsPerSend > MaxMessages)
        {
            throw new ArgumentOutOfRangeException(
                nameof(RecipientsPerSend), RecipientsPerSend, $"{nameof(Campaigns)} × {nameof(SendsPerCampaign)} × {nameof(RecipientsPerSend)} must be at most {MaxMessages}.");
        }
    }
}
