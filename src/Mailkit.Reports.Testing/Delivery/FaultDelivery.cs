using Mailkit.Reports.Testing.Emulation;
using Mailkit.Reports.Testing.Wire;

namespace Mailkit.Reports.Testing.Delivery;

/// <summary>
/// Delivers one answer as its fault and the settings say, the one copy the in-process handler and the loopback server
/// both use: a slow answer waits first; a cut-short or reset body stops halfway; a trickled body comes in chunks with a
/// pause after each. The request counts as in flight from its arrival until the last byte that is sent has been
/// handed over, or until the host calls <see cref="Leave"/> because the client has gone.
/// </summary>
internal sealed class FaultDelivery
{
    private readonly InFlightGauge _gauge;
    private readonly TimeProvider _time;
    private readonly TimeSpan _slowDelay;
    private readonly TimeSpan _trickleInterval;
    private readonly int _chunkBytes;
    private int _position;
    private bool _finished;
    private int _left;

    /// <summary>Starts the delivery of an answer to a request the gauge already counts (<see cref="InFlightGauge.Enter"/>).</summary>
    public FaultDelivery(EmulatorAnswer answer, EmulatorSettings settings, InFlightGauge gauge)
    {
        Answer = answer;
        _gauge = gauge;
        _time = settings.TimeProvider;
        _slowDelay = settings.SlowResponseDelay;
        _trickleInterval = settings.TrickleInterval;
        SentBytes = answer.Fault is EmulatorFault.ResetMidBody or EmulatorFault.CutShortBody ? answer.Body.Length / 2 : answer.Body.Length;
        Trickles = settings.TrickleChunkBytes > 0;
        _chunkBytes = Trickles ? settings.TrickleChunkBytes : Math.Max(1, SentBytes);
    }

    /// <summary>Gets the answer: its status, headers and whole body, whose full length is what a server announces.</summary>
    public EmulatorAnswer Answer { get; }

    /// <summary>Gets how many bytes of the body are sent: all of them, or half for a cut-short or reset body.</summary>
    public int SentBytes { get; }

    /// <summary>Gets a value indicating whether the body stops before its end (cut short or reset).</summary>
    public bool EndsEarly => SentBytes < Answer.Body.Length;

    /// <summary>Gets a value indicating whether the body ends with a reset connection rather than a plain end.</summary>
    public bool Resets => Answer.Fault == EmulatorFault.ResetMidBody;

    /// <summary>Gets a value indicating whether the body is trickled: a host flushes each chunk.</summary>
    public bool Trickles { get; }

    /// <summary>Waits <see cref="EmulatorSettings.SlowResponseDelay"/> on the emulator's clock when the fault is a slow response.</summary>
    public Task WaitIfSlowAsync(CancellationToken cancellationToken) =>
        Answer.Fault == EmulatorFault.SlowResponse ? Task.Delay(_slowDelay, _time, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Returns the next piece of the body that is sent, after the trickle pause that follows each piece; empty once the
    /// sent part is over, which also ends the request's time in flight. Not for concurrent use.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> NextAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (Trickles && _position > 0)
        {
            // Trickling paces a real socket, so it runs on the wall clock whatever clock the emulator is given.
            await Task.Delay(_trickleInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        if (_position >= SentBytes)
        {
            _finished = true;
            Leave();
            return ReadOnlyMemory<byte>.Empty;
        }

        var piece = Answer.Body.AsMemory(_position, Math.Min(_chunkBytes, SentBytes - _position));
        _position += piece.Length;
        return piece;
    }

    /// <summary>Ends the request's time in flight; only the first call counts.</summary>
    public void Leave()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            _gauge.Leave();
        }
    }
}
