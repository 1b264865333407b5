using Mailkit.Reports.Models;

namespace Mailkit.Reports.Transport;

/// <summary>
/// A call of a Mailkit API function: its name and its parameters in the documented order.
/// </summary>
public sealed class MailkitFunctionCall
{
    /// <summary>The name of the raw bounces function: <c>mailkit.report.raw.bounces</c>.</summary>
    public const string RawBouncesFunction = "mailkit.report.raw.bounces";

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
}
