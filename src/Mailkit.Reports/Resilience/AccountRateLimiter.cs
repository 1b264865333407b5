using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// The permits of one Mailkit account: a concurrency limit held for the whole life of a response, and a cap on the
/// requests started within any minute. One instance per endpoint and client ID, shared by every client in the process.
/// </summary>
internal sealed class AccountRateLimiter : IDisposable
{
    private static readonly ConcurrentDictionary<string, AccountRateLimiter> Accounts = new(StringComparer.Ordinal);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrencyLimiter _inFlight;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<StartSlot> _starts = new();

    private AccountRateLimiter(MailkitRateLimitOptions options, TimeProvider timeProvider)
    {
        Options = options.Copy();
        _timeProvider = timeProvider;
        _inFlight = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public MailkitRateLimitOptions Options { get; }

    /// <summary>Returns the limiter of the account, creating it with these settings the first time.</summary>
    public static AccountRateLimiter For(Uri endpoint, int clientId, MailkitRateLimitOptions options, TimeProvider timeProvider)
    {
        var key = $"{clientId}@{endpoint.GetLeftPart(UriPartial.Path)}";
        return Accounts.GetOrAdd(key, static (_, state) => new AccountRateLimiter(state.options, state.timeProvider), (options, timeProvider));
    }

    /// <summary>Waits for both permits; the returned lease releases the concurrency permit when disposed.</summary>
    /// <exception cref="MailkitRateLimitRejectedException">The queue of waiting calls is full.</exception>
    public async ValueTask<AccountLease> AcquireAsync(string functionName, CancellationToken cancellationToken)
    {
        var inFlight = await _inFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!inFlight.IsAcquired)
        {
            inFlight.Dispose();
            throw new MailkitRateLimitRejectedException(functionName, nameof(MailkitRateLimitOptions.QueueLimit), Options.QueueLimit);
        }

        try
        {
            var slot = await WaitForStartAsync(cancellationToken).ConfigureAwait(false);
            return new AccountLease(inFlight, slot, _timeProvider);
        }
        catch
        {
            inFlight.Dispose();
            throw;
        }
    }

    public void Dispose() => _inFlight.Dispose();

    /// <summary>
    /// Waits until fewer than <see cref="MailkitRateLimitOptions.RequestsPerMinute"/> requests started in the last minute
    /// (a sliding log of start times, read from the client's clock), then records this start.
    /// </summary>
    private async Task<StartSlot> WaitForStartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_starts)
            {
                var now = _timeProvider.GetUtcNow();
                while (_starts.Count > 0 && now - _starts.Peek().Time >= Window)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < Options.RequestsPerMinute)
                {
                    var slot = new StartSlot { Time = now };
                    _starts.Enqueue(slot);
                    return slot;
                }

                wait = _starts.Peek().Time + Window - now;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>When a request counts as started; moved to when its answer began to arrive, since the server saw it no later.</summary>
    internal sealed class StartSlot
    {
        public DateTimeOffset Time { get; set; }
    }
}

/// <summary>
/// An account's permits for one attempt. Disposing it frees the in-flight permit; <see cref="MarkAnswered"/> moves the
/// attempt's place in the per-minute window to when its answer arrived, so that the client's window never frees a
/// place before the server's does (the server counts the request from its arrival, which the client cannot see).
/// </summary>
internal sealed class AccountLease(RateLimitLease inFlight, AccountRateLimiter.StartSlot slot, TimeProvider timeProvider) : IDisposable
{
    public void MarkAnswered() => slot.Time = timeProvider.GetUtcNow();

    public void Dispose() => inFlight.Dispose();
}
