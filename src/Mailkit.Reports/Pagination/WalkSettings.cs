using Mailkit.Reports.Resilience;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Pagination;

/// <summary>What a walk needs from the client's options.</summary>
/// <param name="StopAtShortPage">Whether a page shorter than asked ends the walk.</param>
/// <param name="Retry">How often and after what delay a failed body is asked for again.</param>
/// <param name="TimeProvider">The clock the delays run on.</param>
/// <param name="Logger">Where body retries are logged.</param>
internal sealed record WalkSettings(bool StopAtShortPage, MailkitRetryOptions Retry, TimeProvider TimeProvider, ILogger Logger)
{
    public static WalkSettings From(MailkitClientOptions options, ILogger logger) =>
        new(options.StopAtShortPage, options.Retry, options.TimeProvider, logger);
}
