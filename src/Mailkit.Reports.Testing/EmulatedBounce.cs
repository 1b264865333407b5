using Mailkit.Reports.Models;

namespace Mailkit.Reports.Testing;

/// <summary>
/// One bounce in the emulator's data set: its fields exactly as Mailkit would send them (keys upper case, every value
/// as text, <c>""</c> for no value), in the order they are sent.
/// </summary>
public sealed class EmulatedBounce
{
    /// <summary>Initializes a bounce from its fields.</summary>
    /// <param name="fields">The fields as sent; one must be a numeric <c>ID_UNDELIVERED_LOG</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no numeric <c>ID_UNDELIVERED_LOG</c>.</exception>
    public EmulatedBounce(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToList();
        UndeliveredLogId = long.TryParse(Value(BounceFieldNames.UndeliveredLogId), out var id)
            ? id
            : throw new ArgumentException($"An emulated bounce needs a numeric {BounceFieldNames.UndeliveredLogId}.", nameof(fields));
        CampaignId = long.TryParse(Value(BounceFieldNames.CampaignId), out var campaign) ? campaign : null;
        SendId = long.TryParse(Value(BounceFieldNames.SendId), out var send) ? send : null;
    }

    /// <summary>Gets the fields as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>
    /// Gets the reason the reply really states, by sisimai's lower-case name (for example <c>userunknown</c> or
    /// <c>mailboxfull</c>), as <see cref="BounceDataGenerator"/> chose it; <see langword="null"/> for a bounce given by
    /// its fields alone, or one whose reply states no reason clearly.
    /// </summary>
    public string? TrueReason { get; init; }

    /// <summary>Gets <c>ID_UNDELIVERED_LOG</c>.</summary>
    public long UndeliveredLogId { get; }

    /// <summary>Gets <c>ID_MESSAGE</c>, or <see langword="null"/> when empty.</summary>
    public long? CampaignId { get; }

    /// <summary>Gets <c>ID_SEND</c>, or <see langword="null"/> when empty.</summary>
    public long? SendId { get; }

    /// <summary>Returns the value of a key, or <see langword="null"/> when the bounce has no such key.</summary>
    /// <param name="key">The key, for example <c>EMAIL</c>.</param>
    /// <returns>The value as sent.</returns>
    public string? Value(string key)
    {
        foreach (var field in Fields)
        {
            if (field.Key == key)
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Returns the record the SDK should decode from this bounce.</summary>
    /// <returns>The record.</returns>
    public BounceRecord ToBounceRecord()
    {
        var builder = new BounceRecordBuilder();
        foreach (var field in Fields)
        {
            builder.Set(field.Key, field.Value);
        }

        return builder.Build();
    }
}
