namespace Mailkit.Reports.Testing;

/// <summary>
/// The ground truth of the world <see cref="MailkitEmulator.AddWorld"/> generated: campaigns, their sends, the messages
/// of each send, the bounces, the responses and the unsubscribes, joined as Mailkit joins them. Immutable.
/// </summary>
public sealed class EmulatedWorld
{
    internal EmulatedWorld(
        IReadOnlyList<EmulatedCampaign> campaigns,
        IReadOnlyList<EmulatedSend> sends,
        IReadOnlyList<EmulatedMessage> messages,
        IReadOnlyList<EmulatedMessageBounce> messageBounces,
        IReadOnlyList<EmulatedResponse> responses,
        IReadOnlyList<EmulatedUnsubscribe> unsubscribes)
    {
        Campaigns = campaigns;
        Sends = sends;
        Messages = messages;
        MessageBounces = messageBounces;
        Responses = responses;
        Unsubscribes = unsubscribes;
        RawMessages = [.. messages.Where(m => !m.Pruned)];
        MessagesBySend = messages.ToLookup(m => m.SendId);
        BouncesBySend = messageBounces.OrderBy(b => b.BouncedAt).ThenBy(b => b.SendMessageId).ToLookup(b => b.SendId);
        BouncesByLogId = messageBounces.ToDictionary(b => b.UndeliveredLogId);
        SendsById = sends.ToDictionary(s => s.SendId);
    }

    /// <summary>Gets the campaigns, in ascending ID order.</summary>
    public IReadOnlyList<EmulatedCampaign> Campaigns { get; }

    /// <summary>Gets the sends, in ascending ID order, which is the order they started in.</summary>
    public IReadOnlyList<EmulatedSend> Sends { get; }

    /// <summary>
    /// Gets every message, in ascending <c>ID_send_message</c> order, including those of pruned sends that
    /// <c>mailkit.report.raw.messages</c> no longer serves (<see cref="EmulatedMessage.Pruned"/>).
    /// </summary>
    public IReadOnlyList<EmulatedMessage> Messages { get; }

    /// <summary>Gets the bounces with their dates, in ascending <c>ID_UNDELIVERED_LOG</c> order, which is the order they happened in.</summary>
    public IReadOnlyList<EmulatedMessageBounce> MessageBounces { get; }

    /// <summary>Gets the opens, clicks and unsubscribes, in ascending <c>ID_log</c> order, which is the order they happened in.</summary>
    public IReadOnlyList<EmulatedResponse> Responses { get; }

    /// <summary>Gets the unsubscribes, in the order they happened in.</summary>
    public IReadOnlyList<EmulatedUnsubscribe> Unsubscribes { get; }

    /// <summary>Gets the messages <c>mailkit.report.raw.messages</c> serves, in ascending ID order.</summary>
    internal IReadOnlyList<EmulatedMessage> RawMessages { get; }

    internal ILookup<long, EmulatedMessage> MessagesBySend { get; }

    internal ILookup<long, EmulatedMessageBounce> BouncesBySend { get; }

    internal IReadOnlyDictionary<long, EmulatedMessageBounce> BouncesByLogId { get; }

    internal IReadOnlyDictionary<long, EmulatedSend> SendsById { get; }
}
