namespace Mailkit.Reports.Cli;

/// <summary>
/// Ctrl+C: the first one stops cleanly (the page in progress is dropped, what was committed stays, and the next run
/// continues); a second one is let through and ends the process at once.
/// </summary>
internal sealed class CancelKeyHandler(CancellationTokenSource cancellation)
{
    private int _presses;

    /// <summary>Handles a press; returns whether the process should keep running (the event's <c>Cancel</c>).</summary>
    public bool OnPress()
    {
        if (Interlocked.Increment(ref _presses) > 1)
        {
            return false;
        }

        cancellation.Cancel();
        return true;
    }
}
