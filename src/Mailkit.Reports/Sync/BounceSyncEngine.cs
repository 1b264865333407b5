using Mailkit.Reports.Models;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Sync;

/// <summary>
/// The <see cref="SyncEngine{TRequest, TPage}"/> of raw bounces, for hosts that drive a bounce sync with an
/// <see cref="IBounceSyncSession"/> and <see cref="SyncSettings"/>. One engine per sync; its cycles must not overlap.
/// </summary>
internal sealed class BounceSyncEngine(ILogger logger, string syncName)
{
    private readonly SyncEngine<RawBouncesRequest, BouncePage> _engine = new(SyncedReports.RawBounces, logger, syncName);

    /// <summary>Gets the cycles in a row that did not succeed.</summary>
    public int ConsecutiveFailures => _engine.ConsecutiveFailures;

    /// <summary>Forgets a halt and the handler's failures on one page: the options changed, so the next cycle tries again.</summary>
    public void Reset() => _engine.Reset();

    /// <summary>Records a cycle the host could not start (for example, its options cannot be read) as a refusal.</summary>
    public SyncCycleResult Refuse(SyncFailureKind kind, Exception error, SyncSettings settings) => _engine.Refuse(kind, error, settings);

    /// <summary>Runs one cycle; see <see cref="SyncEngine{TRequest, TPage}.RunCycleAsync"/>.</summary>
    /// <param name="openSession">Resolves the cycle's client, handler and store; throws <see cref="SyncHandlerUnavailableException"/> when the handler cannot be built.</param>
    /// <param name="settings">The sync's settings for this cycle.</param>
    /// <param name="pageSaved">Called with the number of records after each page is handled and its cursor saved.</param>
    /// <param name="stoppingToken">Cancelled when the host stops: no new page is asked for.</param>
    /// <param name="abandonToken">Cancelled when the host stops waiting: the page in flight is abandoned.</param>
    /// <returns>How the cycle ended and the wait before the next one.</returns>
    public Task<SyncCycleResult> RunCycleAsync(
        Func<CancellationToken, ValueTask<IBounceSyncSession>> openSession,
        SyncSettings settings,
        Action<int>? pageSaved,
        CancellationToken stoppingToken,
        CancellationToken abandonToken) =>
        _engine.RunCycleAsync(
            async cancellationToken => await openSession(cancellationToken).ConfigureAwait(false),
            settings,
            pageSaved,
            stoppingToken,
            abandonToken);
}
