using System.Net;
using Polly.Timeout;

namespace Mailkit.Reports.Pipeline;

/// <summary>
/// The one table that turns what .NET and Polly throw during a call into the SDK's exceptions, for the header phase
/// and the body phase alike. A failure while a body is read comes back marked as one, so that a walk may ask again.
/// </summary>
internal sealed class FailureMapper(TimeSpan callTimeout, TimeSpan attemptTimeout, HttpClient httpClient)
{
    private const string CallTimeoutSetting = $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.CallTimeout)}";
    private const string AttemptTimeoutSetting = $"{nameof(MailkitClientOptions)}.{nameof(MailkitClientOptions.AttemptTimeout)}";

    /// <summary>
    /// Returns the exception to throw instead of <paramref name="ex"/>, or <see langword="null"/> when <paramref name="ex"/>
    /// goes on as it is (the caller cancelled, or it is not a failure of the call). A transient SDK exception raised while
    /// a body is read comes back as a marked copy; throw it with <see cref="System.Runtime.ExceptionServices.ExceptionDispatchInfo"/>
    /// to keep where it was first thrown.
    /// </summary>
    /// <param name="ex">What was thrown.</param>
    /// <param name="functionName">The API function called.</param>
    /// <param name="status">The response's status once the headers arrived.</param>
    /// <param name="phase">Where the call was.</param>
    /// <param name="callTimedOut">Whether the call's own timeout has fired.</param>
    /// <param name="callerCancelled">Whether the caller's token has been cancelled.</param>
    public MailkitException? Map(Exception ex, string functionName, HttpStatusCode? status, CallPhase phase, bool callTimedOut, bool callerCancelled)
    {
        if (callerCancelled)
        {
            return null;
        }

        var body = phase == CallPhase.Body;
        return ex switch
        {
            MailkitException { IsTransient: true } known when body => known.AsBodyFailure(),
            MailkitException => null,
            OperationCanceledException when callTimedOut =>
                new MailkitTimeoutException(functionName, callTimeout, CallTimeoutSetting, ex) { IsBodyFailure = body },
            TimeoutRejectedException when !body => new MailkitTimeoutException(functionName, attemptTimeout, AttemptTimeoutSetting, ex),
            OperationCanceledException when !body => new MailkitTimeoutException(functionName, httpClient.Timeout, "HttpClient.Timeout", ex),
            HttpRequestException or IOException => new MailkitNetworkException(functionName, body ? status : null, ex) { IsBodyFailure = body },
            _ => null,
        };
    }
}
