namespace Mailkit.Reports.Testing.Delivery;

/// <summary>Counts the requests in flight and remembers the most there were at once. Thread-safe.</summary>
internal sealed class InFlightGauge
{
    private int _now;
    private int _max;

    public int Now => Volatile.Read(ref _now);

    public int Max => Volatile.Read(ref _max);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _now);
        int max;
        while ((max = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, max) != max)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _now);
}
