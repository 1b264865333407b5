using System.Threading.RateLimiting;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// The permits of one Mailkit account: a concurrency limit held for the whole life of a response, and a cap on the
/// requests started within any minute. One instance per account, clock and limits in an <see cref="AccountRateLimiterRegistry"/>,
/// shared by the clients that agree on all three.
/// </summary>
internal sealed class AccountRateLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrencyLimiter _inFlight;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<StartSlot> _starts = new();

    public AccountRateLimiter(MailkitRateLimitOptions options, TimeProvider timeProvider)
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

    /// <summary>Gets how many calls wait for a request in flight to end.</summary>
    public long QueuedCount => _inFlight.GetStatistics()?.CurrentQueuedCount ?? 0;

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
