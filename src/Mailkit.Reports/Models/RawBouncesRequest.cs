namespace Mailkit.Reports.Models;

/// <summary>
/// The query of <c>mailkit.report.raw.bounces</c>: optional campaign and send filters, the record ID to start from
/// and the page size. It is plain data: persist it to continue a walk later.
/// </summary>
/// <example>
/// <code>
/// var request = new RawBouncesRequest { CampaignId = 12345, PageSize = 5000 };
/// </code>
/// </example>
public sealed record RawBouncesRequest
{
    /// <summary>The largest page Mailkit serves, and the default <see cref="PageSize"/>: 25 000 records.</summary>
    public const int MaxPageSize = 25_000;

    /// <summary>Gets the campaign to report on (<c>ID_message</c>).</summary>
    /// <value>The default is <see langword="null"/>: every campaign.</value>
    public long? CampaignId { get; init; }

    /// <summary>Gets the send (campaign delivery) to report on (<c>ID_send</c>).</summary>
    /// <value>The default is <see langword="null"/>: every send.</value>
    public long? SendId { get; init; }

    /// <summary>Gets the ID of the first record wanted (<c>ID_undelivered_log</c>).</summary>
    /// <value>The default is <see langword="null"/>: from the beginning of the bounce log.</value>
    public long? StartId { get; init; }

    /// <summary>Gets the number of records to ask for in one call (<c>limit</c>), from 1 to <see cref="MaxPageSize"/>.</summary>
    /// <value>The default is <see cref="MaxPageSize"/> (25 000).</value>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Checks every value and throws for the first one out of range.</summary>
    /// <param name="paramName">The name of the argument that holds this request, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and the accepted range.</exception>
    public void Validate(string paramName = "request")
    {
        if (CampaignId is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, CampaignId, $"{nameof(RawBouncesRequest)}.{nameof(CampaignId)} must be null or a non-negative integer.");
        }

        if (SendId is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, SendId, $"{nameof(RawBouncesRequest)}.{nameof(SendId)} must be null or a non-negative integer.");
        }

        if (StartId is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, StartId, $"{nameof(RawBouncesRequest)}.{nameof(StartId)} must be null or a non-negative integer.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(paramName, PageSize, $"{nameof(RawBouncesRequest)}.{nameof(PageSize)} must be from 1 to {MaxPageSize}.");
        }
    }
}
