namespace Mailkit.Reports.Models;

/// <summary>
/// The query of <c>mailkit.mailinglist.unsubscribed</c>, which pages by date: the unsubscriptions from a day on, up to
/// the moment of the call. It is plain data: persist <see cref="ReportPage{TRecord, TRequest}.NextRequest"/> to continue.
/// </summary>
/// <remarks>
/// Mailkit's <c>range_from</c> is a day, and whether it is inclusive, and in which zone its day is counted, is not
/// documented. So the SDK asks again from the day before that of <see cref="After"/> (the last day and the one before it
/// are read again, so even a server that reads the day as exclusive loses nothing), and drops what it has
/// already handed over: every record before <see cref="After"/>, and those at <see cref="After"/> itself whose
/// <see cref="UnsubscribeRecord.Key"/> is in <see cref="KnownAtAfter"/>.
/// </remarks>
public sealed record UnsubscribesRequest
{
    /// <summary>Gets the time of the newest unsubscription already received.</summary>
    /// <value>The default is <see langword="null"/>: every unsubscription.</value>
    public DateTimeOffset? After { get; init; }

    /// <summary>Gets the keys of the unsubscriptions already received at exactly <see cref="After"/>.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> KnownAtAfter { get; init; } = [];
}
