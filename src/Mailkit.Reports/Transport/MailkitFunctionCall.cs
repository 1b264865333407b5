using Mailkit.Reports.Models;

namespace Mailkit.Reports.Transport;

/// <summary>
/// A call of a Mailkit API function: its name and its parameters in the documented order.
/// </summary>
public sealed class MailkitFunctionCall
{
    /// <summary>The name of the raw bounces function: <c>mailkit.report.raw.bounces</c>.</summary>
    public const string RawBouncesFunction = "mailkit.report.raw.bounces";

    /// <summary>The name of the raw messages function: <c>mailkit.report.raw.messages</c>.</summary>
    public const string RawMessagesFunction = "mailkit.report.raw.messages";

    /// <summary>The name of the raw responses function: <c>mailkit.report.raw.responses</c>.</summary>
    public const string RawResponsesFunction = "mailkit.report.raw.responses";

    /// <summary>The name of the function that lists one send's bounces: <c>mailkit.report.message.bounces</c>.</summary>
    public const string MessageBouncesFunction = "mailkit.report.message.bounces";

    /// <summary>The name of the function that lists one send's recipients: <c>mailkit.report.message.recipients</c>.</summary>
    public const string MessageRecipientsFunction = "mailkit.report.message.recipients";

    /// <summary>The name of the function that lists campaigns: <c>mailkit.campaigns.list</c>.</summary>
    public const string CampaignsListFunction = "mailkit.campaigns.list";

    /// <summary>The name of the function that lists a campaign's sends: <c>mailkit.report.campaign</c>.</summary>
    public const string CampaignReportFunction = "mailkit.report.campaign";

    /// <summary>The name of the function that lists unsubscribed recipients: <c>mailkit.mailinglist.unsubscribed</c>.</summary>
    public const string UnsubscribedFunction = "mailkit.mailinglist.unsubscribed";

    /// <summary>Initializes a new call.</summary>
    /// <param name="functionName">The function, for example <c>mailkit.report.raw.bounces</c>.</param>
    /// <param name="parameters">The parameters in the documented order (XML-RPC sends them by position).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="functionName"/> is empty.</exception>
    public MailkitFunctionCall(string functionName, IReadOnlyList<MailkitParameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentNullException.ThrowIfNull(parameters);
        FunctionName = functionName;
        Parameters = parameters;
    }

    /// <summary>Gets the function's name.</summary>
    public string FunctionName { get; }

    /// <summary>Gets the parameters in the documented order.</summary>
    public IReadOnlyList<MailkitParameter> Parameters { get; }

    /// <summary>Creates the call of <c>mailkit.report.raw.bounces</c> for a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The call with <c>ID_message</c>, <c>ID_send</c>, <c>ID_undelivered_log</c> and <c>limit</c> in that order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static MailkitFunctionCall ForRawBounces(RawBouncesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MailkitFunctionCall(
            RawBouncesFunction,
            [
                new MailkitParameter("ID_message", request.CampaignId),
                new MailkitParameter("ID_send", request.SendId),
                new MailkitParameter("ID_undelivered_log", request.StartId),
                new MailkitParameter("limit", request.PageSize),
            ]);
    }

    /// <summary>Creates the call of <c>mailkit.report.raw.messages</c>: <c>ID_message</c>, <c>ID_send</c>, <c>ID_send_message</c>, <c>limit</c>.</summary>
    internal static MailkitFunctionCall ForRawMessages(RawMessagesRequest request) =>
        new(
            RawMessagesFunction,
            [
                new MailkitParameter("ID_message", request.CampaignId),
                new MailkitParameter("ID_send", request.SendId),
                new MailkitParameter("ID_send_message", request.StartId),
                new MailkitParameter("limit", request.PageSize),
            ]);

    /// <summary>Creates the call of <c>mailkit.report.raw.responses</c>: <c>ID_message</c>, <c>ID_send</c>, <c>ID_send_message</c>, <c>ID_log</c>, <c>limit</c>.</summary>
    internal static MailkitFunctionCall ForRawResponses(RawResponsesRequest request) =>
        new(
            RawResponsesFunction,
            [
                new MailkitParameter("ID_message", request.CampaignId),
                new MailkitParameter("ID_send", request.SendId),
                new MailkitParameter("ID_send_message", request.SendMessageId),
                new MailkitParameter("ID_log", request.StartId),
                new MailkitParameter("limit", request.PageSize),
            ]);

    /// <summary>Creates a call whose only parameter is one send (<c>ID_send</c>, required).</summary>
    internal static MailkitFunctionCall ForSend(string functionName, long sendId) =>
        new(functionName, [new MailkitParameter("ID_send", sendId)]);

    /// <summary>
    /// Creates the call of <c>mailkit.campaigns.list</c>. Its documentation puts <c>ID_message</c> at the top level of
    /// the JSON call, where one public client sends it, and another sends it among the parameters: it goes in both.
    /// </summary>
    internal static MailkitFunctionCall ForCampaigns(long? campaignId) =>
        new(CampaignsListFunction, [new MailkitParameter("ID_message", campaignId) { AlsoAtTopLevel = true }]);

    /// <summary>Creates the call of <c>mailkit.report.campaign</c>: <c>ID_message</c>, <c>range_from</c>, <c>range_to</c> (days).</summary>
    internal static MailkitFunctionCall ForCampaignSends(long campaignId, DateOnly? from, DateOnly? to) =>
        new(
            CampaignReportFunction,
            [
                new MailkitParameter("ID_message", campaignId),
                MailkitParameter.ForText("range_from", Day(from)),
                MailkitParameter.ForText("range_to", Day(to)),
            ]);

    /// <summary>Creates the call of <c>mailkit.mailinglist.unsubscribed</c>: <c>range_from</c>, a day.</summary>
    internal static MailkitFunctionCall ForUnsubscribed(DateOnly from) =>
        new(UnsubscribedFunction, [MailkitParameter.ForText("range_from", Day(from))]);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
