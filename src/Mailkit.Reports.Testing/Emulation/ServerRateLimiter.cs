namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// The server-side rate limit: at most <see cref="EmulatorSettings.ServerRateLimit"/> requests in any sliding
/// <see cref="EmulatorSettings.ServerRateLimitWindow"/>. A refused request does not count. Thread-safe.
/// </summary>
internal sealed class ServerRateLimiter(EmulatorSettings settings)
{
    private readonly Queue<DateTimeOffset> _recent = new();

    /// <summary>Admits a request arriving at <paramref name="now"/>, or returns how long to wait (whole seconds, at least 1) when it is over the limit.</summary>
    public TimeSpan? Admit(DateTimeOffset now)
    {
        if (settings.ServerRateLimit is not { } limit)
        {
            return null;
        }

        var window = settings.ServerRateLimitWindow;
        lock (_recent)
        {
            while (_recent.Count > 0 && now - _recent.Peek() >= window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= limit)
            {
                var wait = _recent.Peek() + window - now;
                return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
            }

            _recent.Enqueue(now);
            return null;
        }
    }
}
