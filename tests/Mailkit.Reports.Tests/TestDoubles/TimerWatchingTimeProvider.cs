using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Tests.TestDoubles;

/// <summary>
/// A fake clock that tells when code under test arms a timer of a given length, so that a test knows a call is waiting
/// on the clock (for a rate-limit window, a backoff) without sleeping to find out.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Armed)> _watches = [];
    private readonly List<TimeSpan> _armed = [];

    /// <summary>Completes when a timer due after exactly <paramref name="dueTime"/> is armed, or has been already.</summary>
    public Task ArmedAsync(TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (_armed.Contains(dueTime))
            {
                return Task.CompletedTask;
            }

            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watches.Add((dueTime, armed));
            return armed.Task;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _armed.Add(dueTime);
            foreach (var watch in _watches.Where(w => w.DueTime == dueTime))
            {
                watch.Armed.TrySetResult();
            }
        }

        return timer;
    }
}
