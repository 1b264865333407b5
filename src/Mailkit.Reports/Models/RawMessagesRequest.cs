namespace Mailkit.Reports.Models;

/// <summary>
/// The query of <c>mailkit.report.raw.messages</c>: optional campaign and send filters, the message ID to start from
/// and the page size. It is plain data: persist it to continue a walk later.
/// </summary>
public sealed record RawMessagesRequest
{
    /// <summary>Gets the campaign to report on (<c>ID_message</c>).</summary>
    /// <value>The default is <see langword="null"/>: no filter.</value>
    public long? CampaignId { get; init; }

    /// <summary>Gets the send to report on (<c>ID_send</c>).</summary>
    /// <value>The default is <see langword="null"/>: no filter.</value>
    public long? SendId { get; init; }


    /// <summary>Gets the ID of the first record wanted (<c>ID_send_message</c>).</summary>
    /// <value>The default is <see langword="null"/>: from the beginning.</value>
    public long? StartId { get; init; }

    /// <summary>Gets the number of records to ask for in one call (<c>limit</c>), from 1 to <see cref="RawBouncesRequest.MaxPageSize"/>.</summary>
    /// <value>The default is <see cref="RawBouncesRequest.MaxPageSize"/> (25 000).</value>
    public int PageSize { get; init; } = RawBouncesRequest.MaxPageSize;

    /// <summary>Lists what is wrong with the request, one sentence each naming the setting and its accepted range.</summary>
    /// <param name="settingPrefix">What the names start with, for example the configuration section; empty for none.</param>
    /// <returns>The problems; empty when the request is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settingPrefix"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<string> GetValidationErrors(string settingPrefix = nameof(RawMessagesRequest))
    {
        ArgumentNullException.ThrowIfNull(settingPrefix);
        return RequestRules.Messages(Problems(settingPrefix));
    }

    /// <summary>Checks the request.</summary>
    /// <param name="paramName">The name of the argument the request was passed as, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate(string paramName = "request") => RequestRules.Throw(Problems(nameof(RawMessagesRequest)), paramName);

    private List<(string Message, object? Value)>? Problems(string prefix)
    {
        var name = prefix.Length == 0 ? string.Empty : prefix + ".";
        List<(string, object?)>? problems = null;
        RequestRules.CheckId(ref problems, name, nameof(CampaignId), CampaignId);
        RequestRules.CheckId(ref problems, name, nameof(SendId), SendId);
        RequestRules.CheckId(ref problems, name, nameof(StartId), StartId);
        RequestRules.CheckPageSize(ref problems, name, PageSize);
        return problems;
    }
}
