namespace Mailkit.Reports.Resilience;

/// <summary>
/// The rate limiters of the accounts in use. A client rents the limiter of its account when it is built and returns it
/// when it is disposed; the limiter goes away when the last client that rented it is disposed.
/// </summary>
/// <remarks>
/// A limiter is keyed by the account (endpoint and client ID), the client's <see cref="TimeProvider"/> and its
/// <see cref="MailkitRateLimitOptions"/>: clients that agree on all three share the permits, and a client never runs on
/// another client's clock or limits. Two clients of one account with different limits therefore
/// each keep their own. DI registers one registry as a singleton; clients built with <c>new MailkitClient(…)</c>
/// use <see cref="Default"/>. A client that is never disposed keeps its entry for the life of the registry.
/// </remarks>
internal sealed class AccountRateLimiterRegistry
{
    private readonly Dictionary<Key, Entry> _entries = [];

    /// <summary>Gets the registry of the clients built without DI.</summary>
    public static AccountRateLimiterRegistry Default { get; } = new();

    /// <summary>Gets how many limiters the registry holds.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Returns the limiter for these settings, creating it the first time, and counts the caller as its user.</summary>
    public AccountRateLimiter Rent(MailkitAccount account, MailkitRateLimitOptions options, TimeProvider timeProvider)
    {
        var key = new Key(
            account,
            timeProvider,
            options.MaxConcurrentRequests,
            options.RequestsPerMinute,
            options.QueueLimit);
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(new AccountRateLimiter(options, timeProvider));
                _entries.Add(key, entry);
            }

            entry.Users++;
            return entry.Limiter;
        }
    }

    /// <summary>Counts one user of <paramref name="limiter"/> less, and forgets the limiter once it has none.</summary>
    public void Return(AccountRateLimiter limiter)
    {
        lock (_entries)
        {
            foreach (var (key, entry) in _entries)
            {
                if (ReferenceEquals(entry.Limiter, limiter))
                {
                    if (--entry.Users == 0)
                    {
                        // Not disposed: a response still being read may hold one of its permits.
                        _entries.Remove(key);
                    }

                    return;
                }
            }
        }
    }

    private readonly record struct Key(MailkitAccount Account, TimeProvider TimeProvider, int MaxConcurrentRequests, int RequestsPerMinute, int QueueLimit);

    private sealed class Entry(AccountRateLimiter limiter)
    {
        public AccountRateLimiter Limiter { get; } = limiter;

        public int Users { get; set; }
    }
}
