using Mailkit.Reports.Models;

namespace Mailkit.Reports;

/// <summary>
/// A client of Mailkit's reporting API. Implemented by <see cref="MailkitClient"/>; mock it in your own tests,
/// or use the emulator in <c>Mailkit.Reports.Testing</c>.
/// </summary>
public interface IMailkitClient
{
    /// <summary>Calls <c>mailkit.report.raw.bounces</c> once and returns that one page.</summary>
    /// <param name="request">The filters, the start ID and the page size.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page's records in the order received, and the request for the page after it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="request"/> is out of range.</exception>
    /// <exception cref="MailkitAuthenticationException">Mailkit refused the client ID or md5.</exception>
    /// <exception cref="MailkitIpNotAllowedException">Mailkit refused the caller's IP address.</exception>
    /// <exception cref="MailkitApiException">Mailkit answered with another error.</exception>
    /// <exception cref="MailkitProtocolException">The response is not what the API sends.</exception>
    /// <exception cref="MailkitHttpException">The server answered with an HTTP error status.</exception>
    /// <exception cref="MailkitNetworkException">The call failed on the network.</exception>
    /// <exception cref="MailkitTimeoutException">The call did not complete in time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default);
}
