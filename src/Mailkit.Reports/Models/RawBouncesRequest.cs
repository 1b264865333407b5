using System.Text.Json.Serialization;

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

    /// <summary>
    /// Gets what a call or a walk does with a record whose value the SDK cannot accept: throw, or set it aside and read on
    /// (see <see cref="InvalidRecordHandling"/>). It is behaviour, not data: it is not serialized with the request, and a
    /// request read back from storage has the default again.
    /// </summary>
    /// <value>The default is <see cref="InvalidRecordHandling.Throw"/>.</value>
    [JsonIgnore]
    public InvalidRecordHandling InvalidRecords { get; init; } = InvalidRecordHandling.Throw;

    /// <summary>Lists what is wrong with the request, one sentence each naming the setting and the accepted range.</summary>
    /// <param name="settingPrefix">
    /// What the names of the settings start with, for a host that configures the request under its own name: the default
    /// gives <c>RawBouncesRequest.PageSize</c>, <c>"BounceSyncOptions"</c> gives <c>BounceSyncOptions.PageSize</c>, and an
    /// empty string gives <c>PageSize</c>.
    /// </param>
    /// <returns>The problems, in the order of the properties; empty when the request is valid.</returns>
    /// <example>
    /// <code>
    /// IReadOnlyList&lt;string&gt; errors = request.GetValidationErrors("BounceSyncOptions");
    /// if (errors.Count &gt; 0) { return ValidateOptionsResult.Fail(errors); }
    /// </code>
    /// </example>
    /// <exception cref="ArgumentNullException"><paramref name="settingPrefix"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> GetValidationErrors(string settingPrefix = nameof(RawBouncesRequest))
    {
        ArgumentNullException.ThrowIfNull(settingPrefix);
        var problems = Problems(settingPrefix);
        if (problems is null)
        {
            return [];
        }

        var errors = new string[problems.Count];
        for (var i = 0; i < errors.Length; i++)
        {
            errors[i] = problems[i].Message;
        }

        return errors;
    }

    /// <summary>Checks every value and throws for the first one out of range.</summary>
    /// <param name="paramName">The name of the argument that holds this request, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and the accepted range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="InvalidRecords"/> is <see langword="null"/>.</exception>
    public void Validate(string paramName = "request")
    {
        if (Problems(nameof(RawBouncesRequest)) is [var first, ..])
        {
            throw first.Value is null
                ? new ArgumentNullException(paramName, first.Message)
                : new ArgumentOutOfRangeException(paramName, first.Value, first.Message);
        }
    }

    /// <summary>The rules of the request, written once: each problem with the value at fault; <see langword="null"/> when there is none.</summary>
    private List<(string Message, object? Value)>? Problems(string prefix)
    {
        var name = prefix.Length == 0 ? string.Empty : prefix + ".";
        List<(string, object?)>? problems = null;
        RequestRules.CheckId(ref problems, name, nameof(CampaignId), CampaignId);
        RequestRules.CheckId(ref problems, name, nameof(SendId), SendId);
        RequestRules.CheckId(ref problems, name, nameof(StartId), StartId);
        RequestRules.CheckPageSize(ref problems, name, PageSize);

        if (InvalidRecords is null)
        {
            (problems ??= []).Add(($"{name}{nameof(InvalidRecords)} must be set.", null));
        }

        return problems;
    }
}
