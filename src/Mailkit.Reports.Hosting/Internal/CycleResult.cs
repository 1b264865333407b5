namespace Mailkit.Reports.Hosting.Internal;

/// <summary>How one cycle ended: the outcome, the records handed over, the failure and the cursor it stopped at.</summary>
internal readonly record struct CycleResult(CycleOutcome Outcome, long Records, FailureKind Kind = FailureKind.None, Exception? Error = null, long? StartId = null);
