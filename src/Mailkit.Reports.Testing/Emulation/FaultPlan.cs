namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// Which fault answers a request: the one planned for its number, else one drawn from the seeded sequence with the
/// probability the settings give, else none. Thread-safe.
/// </summary>
internal sealed class FaultPlan(EmulatorSettings settings)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, EmulatorFault> _planned = new();
    private readonly object _gate = new();
    private Random _random = new(0);

    /// <summary>Restarts the random draws from a seed, so that a run can be repeated exactly.</summary>
    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Answers request number <paramref name="requestNumber"/> (1-based) with <paramref name="fault"/>.</summary>
    public void Plan(int requestNumber, EmulatorFault fault) => _planned[requestNumber] = fault;

    /// <summary>Returns the fault for request number <paramref name="requestNumber"/>; a draw advances the random sequence.</summary>
    public EmulatorFault Pick(int requestNumber)
    {
        if (_planned.TryGetValue(requestNumber, out var planned))
        {
            return planned;
        }

        lock (_gate)
        {
            var faults = settings.RandomFaults;
            return settings.FaultProbability > 0 && faults.Count > 0 && _random.NextDouble() < settings.FaultProbability
                ? faults[_random.Next(faults.Count)]
                : EmulatorFault.None;
        }
    }
}
