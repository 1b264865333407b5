using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>One cycle's handler, store and client, resolved from a new scope that the session disposes with them.</summary>
internal sealed class BounceSyncSession : IBounceSyncSession
{
    private readonly AsyncServiceScope _scope;
    private readonly IBounceHandler _handler;
    private readonly IBounceCursorStore _store;
    private readonly BounceSyncKey _key;

    private BounceSyncSession(AsyncServiceScope scope, IBounceHandler handler, IBounceCursorStore store, IMailkitClient client, BounceSyncKey key)
    {
        _scope = scope;
        _handler = handler;
        _store = store;
        _key = key;
        Client = client;
    }

    public IMailkitClient Client { get; }

    /// <summary>Resolves the cycle's services; a handler or store that cannot be resolved is a <see cref="SyncHandlerUnavailableException"/>.</summary>
    public static async ValueTask<IBounceSyncSession> OpenAsync(IServiceScopeFactory scopes, BounceSyncRegistration registration, BounceSyncKey key)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var services = scope.ServiceProvider;
            var syncName = registration.SyncName;
            IBounceHandler handler;
            IBounceCursorStore? store;
            try
            {
                handler = services.GetRequiredKeyedService<IBounceHandler>(syncName);
                store = services.GetKeyedService<IBounceCursorStore>(syncName) ?? services.GetService<IBounceCursorStore>();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
            {
                throw new SyncHandlerUnavailableException($"The handler or cursor store of bounce sync '{syncName}' could not be built.", ex);
            }

            if (store is null)
            {
                throw new SyncHandlerUnavailableException(
                    $"Bounce sync '{syncName}' has no cursor store: call UseFileCursorStore(directory) after AddBounceSync, or register an IBounceCursorStore.");
            }

            return new BounceSyncSession(scope, handler, store, registration.ResolveClient(services), key);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<RawBouncesRequest?> LoadCursorAsync(CancellationToken cancellationToken) => _store.LoadAsync(_key, cancellationToken);

    public Task HandleAsync(BouncePage page, CancellationToken cancellationToken) =>
        _handler.HandleAsync(page, new BounceSyncContext(_key, page.NextRequest), cancellationToken);

    public Task SaveCursorAsync(RawBouncesRequest cursor, CancellationToken cancellationToken) => _store.SaveAsync(_key, cursor, cancellationToken);

    public Exception FilterMismatch(RawBouncesRequest saved, RawBouncesRequest wanted) =>
        new BounceCursorFilterMismatchException(_key.SyncName, saved.CampaignId, saved.SendId, wanted.CampaignId, wanted.SendId);

    public bool IsUnusableCursor(Exception exception) => exception is CorruptBounceCursorException or BounceCursorAccountMismatchException;

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
