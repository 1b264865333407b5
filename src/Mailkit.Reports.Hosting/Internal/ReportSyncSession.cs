using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>One cycle's handler, store and client of a report sync, resolved from a new scope that the session disposes with them.</summary>
internal sealed class ReportSyncSession<TRecord, TRequest>(
    AsyncServiceScope scope,
    HostedReport<TRecord, TRequest> report,
    IReportHandler<TRecord, TRequest> handler,
    IReportCursorStore<TRequest> store,
    IMailkitClient client,
    ReportSyncKey key)
    : ISyncSession<TRequest, ReportPage<TRecord, TRequest>>
    where TRecord : class
    where TRequest : class
{
    public IMailkitClient Client { get; } = client;

    /// <summary>Resolves the cycle's services; a handler or store that cannot be resolved is a <see cref="SyncHandlerUnavailableException"/>.</summary>
    public static async ValueTask<ISyncSession<TRequest, ReportPage<TRecord, TRequest>>> OpenAsync(
        IServiceScopeFactory scopes, BounceSyncRegistration registration, HostedReport<TRecord, TRequest> report, ReportSyncKey key)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var services = scope.ServiceProvider;
            var syncName = registration.SyncName;
            IReportHandler<TRecord, TRequest> handler;
            IReportCursorStore<TRequest>? store;
            try
            {
                handler = services.GetRequiredKeyedService<IReportHandler<TRecord, TRequest>>(syncName);
                store = services.GetKeyedService<IReportCursorStore<TRequest>>(syncName) ?? services.GetService<IReportCursorStore<TRequest>>();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
            {
                throw new SyncHandlerUnavailableException($"The handler or cursor store of {registration.SyncKindInText} sync '{syncName}' could not be built.", ex);
            }

            if (store is null)
            {
                throw new SyncHandlerUnavailableException(
                    $"{registration.SyncKind} sync '{syncName}' has no cursor store: call UseFileCursorStore(directory) after {registration.RegisteredWith}, "
                    + $"or register an IReportCursorStore<{typeof(TRequest).Name}>.");
            }

            return new ReportSyncSession<TRecord, TRequest>(scope, report, handler, store, registration.ResolveClient(services), key);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<TRequest?> LoadCursorAsync(CancellationToken cancellationToken) => store.LoadAsync(key, cancellationToken);

    public Task HandleAsync(ReportPage<TRecord, TRequest> page, CancellationToken cancellationToken) =>
        handler.HandleAsync(page, new ReportSyncContext<TRequest>(key, page.NextRequest), cancellationToken);

    public Task SaveCursorAsync(TRequest cursor, CancellationToken cancellationToken) => store.SaveAsync(key, cursor, cancellationToken);

    public Exception FilterMismatch(TRequest saved, TRequest wanted) =>
        new ReportCursorMismatchException(key.SyncName, report.DescribeFilter(saved), report.DescribeFilter(wanted));

    public bool IsUnusableCursor(Exception exception) => exception is CorruptBounceCursorException or ReportCursorMismatchException;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
