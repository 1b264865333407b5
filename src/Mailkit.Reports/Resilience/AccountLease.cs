using System.Threading.RateLimiting;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// An account's permits for one attempt. Disposing it frees the in-flight permit; <see cref="MarkAnswered"/> moves the
/// attempt's place in the per-minute window to when its answer arrived, so that the client's window never frees a
/// place before the server's does (the server counts the request from its arrival, which the client cannot see).
/// </summary>
internal sealed class AccountLease(RateLimitLease inFlight, AccountRateLimiter.StartSlot slot, TimeProvider timeProvider) : IDisposable
{
    private int _disposed;

    public void MarkAnswered() => slot.Time = timeProvider.GetUtcNow();

    /// <summary>Frees the in-flight permit; only the first call does.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inFlight.Dispose();
        }
    }
}
