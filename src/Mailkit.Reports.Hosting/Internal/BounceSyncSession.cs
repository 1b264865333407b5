using Mailkit.Reports.Hosting.Diagnostics;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>One cycle's handler, store and client, resolved from a new scope that the session disposes with them.</summary>
internal sealed class BounceSyncSession(
    AsyncServiceScope scope, IBounceHandler handler, IBounceCursorStore store, IMailkitClient client, BounceSyncKey key, ILogger logger)
    : IBounceSyncSession
{
    private IReadOnlyList<InvalidBounceRecord> _skippedInHandledPage = [];

    public IMailkitClient Client { get; } = client;

    /// <summary>Resolves the cycle's services; a handler or store that cannot be resolved is a <see cref="SyncHandlerUnavailableException"/>.</summary>
    public static async ValueTask<IBounceSyncSession> OpenAsync(IServiceScopeFactory scopes, BounceSyncRegistration registration, BounceSyncKey key, ILogger logger)
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

            return new BounceSyncSession(scope, handler, store, registration.ResolveClient(services), key, logger);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<RawBouncesRequest?> LoadCursorAsync(CancellationToken cancellationToken) => store.LoadAsync(key, cancellationToken);

    public async Task HandleAsync(BouncePage page, CancellationToken cancellationToken)
    {
        _skippedInHandledPage = [];
        await handler.HandleAsync(page, new BounceSyncContext(key, page.NextRequest), cancellationToken).ConfigureAwait(false);
        _skippedInHandledPage = page.SkippedRecords;
    }

    /// <summary>Saves the cursor; once the cursor has moved past the records set aside in the page just handled, logs each of them.</summary>
    public async Task SaveCursorAsync(RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        await store.SaveAsync(key, cursor, cancellationToken).ConfigureAwait(false);
        var skipped = _skippedInHandledPage;
        _skippedInHandledPage = [];
        foreach (var record in skipped)
        {
            // The ID and the field only: the record's text may hold personal data.
            Log.InvalidRecordSkipped(logger, key.SyncName, record.UndeliveredLogId, record.FieldName);
        }
    }

    public Exception FilterMismatch(RawBouncesRequest saved, RawBouncesRequest wanted) =>
        new BounceCursorFilterMismatchException(key.SyncName, saved.CampaignId, saved.SendId, wanted.CampaignId, wanted.SendId);

    public bool IsUnusableCursor(Exception exception) => exception is CorruptBounceCursorException or BounceCursorAccountMismatchException;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
