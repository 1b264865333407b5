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
    private readonly Queue<DateTimeOffset> _starts = new();

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
    public async ValueTask<RateLimitLease> AcquireAsync(string functionName, CancellationToken cancellationToken)
    {
        var inFlight = await _inFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!inFlight.IsAcquired)
        {
            inFlight.Dispose();
            throw new MailkitRateLimitRejectedException(functionName, nameof(MailkitRateLimitOptions.QueueLimit), Options.QueueLimit);
        }

        try
        {
            await WaitForStartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            inFlight.Dispose();
            throw;
        }

        return inFlight;
    }

    public void Dispose() => _inFlight.Dispose();

    /// <summary>
    /// Waits until fewer than <see cref="MailkitRateLimitOptions.RequestsPerMinute"/> requests started in the last minute
    /// (a sliding log of start times, read from the client's clock), then records this start.
    /// </summary>
    private async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_starts)
            {
                var now = _timeProvider.GetUtcNow();
                while (_starts.Count > 0 && now - _starts.Peek() >= Window)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < Options.RequestsPerMinute)
                {
                    _starts.Enqueue(now);
                    return;
                }

                wait = _starts.Peek() + Window - now;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>For tests: forgets every account so that limits set by one test do not leak into another.</summary>
    internal static void ResetForTests(string? key = null)
    {
        foreach (var pair in Accounts)
        {
            if (key is null || pair.Key.Contains(key, StringComparison.Ordinal))
            {
                if (Accounts.TryRemove(pair.Key, out var limiter))
                {
                    limiter.Dispose();
                }
            }
        }
    }
}
