namespace Mailkit.Reports.Sync;

/// <summary>
/// What a host gives the engine for one cycle of a report's sync: the client, the handler and the cursor store,
/// resolved for that cycle and released when it is disposed.
/// </summary>
/// <typeparam name="TRequest">The report's request, which is also the sync's cursor.</typeparam>
/// <typeparam name="TPage">The page the handler receives.</typeparam>
internal interface ISyncSession<TRequest, TPage> : IAsyncDisposable
    where TRequest : class
    where TPage : class
{
    /// <summary>Gets the client the cycle walks with.</summary>
    IMailkitClient Client { get; }

    /// <summary>Reads the saved cursor; <see langword="null"/> on the first run.</summary>
    Task<TRequest?> LoadCursorAsync(CancellationToken cancellationToken);

    /// <summary>Hands one page to the handler; <paramref name="cancellationToken"/> is cancelled only when the host abandons the page.</summary>
    Task HandleAsync(TPage page, CancellationToken cancellationToken);

    /// <summary>Saves the cursor that follows a handled page.</summary>
    Task SaveCursorAsync(TRequest cursor, CancellationToken cancellationToken);

    /// <summary>The error that reports a saved cursor of another filter than the one the sync asks for.</summary>
    Exception FilterMismatch(TRequest saved, TRequest wanted);

    /// <summary>Whether a failure of the host's own (for example a corrupt cursor, or one of another account) cannot heal by waiting.</summary>
    bool IsUnusableCursor(Exception exception);
}
