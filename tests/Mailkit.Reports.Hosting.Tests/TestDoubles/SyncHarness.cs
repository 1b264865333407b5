using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Hosting.Tests;

/// <summary>One sync of the default account on a fake clock, with a scripted client, a collecting handler and a cursor in memory.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SyncHarness(Action<BounceSyncOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        Store = new MemoryCursorStore(Handler);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddFakeLogging();
        collection.AddSingleton(Handler);
        collection.AddSingleton<IBounceCursorStore>(Store);
        collection.AddMailkitClient(o =>
        {
            o.ClientId = MailkitEmulator.DefaultClientId;
            o.ClientMd5 = MailkitEmulator.DefaultClientMd5;
        }).AddBounceSync<ForwardingHandler>(configure ?? (_ => { }));
        collection.AddTransient<IMailkitClient>(_ => Client);
        services?.Invoke(collection);
        Provider = collection.BuildServiceProvider();
        Logs = Provider.GetFakeLogCollector();
        Service = Provider.GetServices<IHostedService>().OfType<BounceSyncService>().Single();
        State = Provider.GetRequiredService<BounceSyncStates>().Get(BounceSyncRegistration.DefaultSyncName);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ScriptedClient Client { get; } = new();

    public CollectingHandler Handler { get; } = new();

    public MemoryCursorStore Store { get; }

    public ServiceProvider Provider { get; }

    public FakeLogCollector Logs { get; }

    public BounceSyncService Service { get; }

    public BounceSyncState State { get; }

    public RawBouncesRequest? Cursor => Store[BounceSyncRegistration.DefaultSyncName];

    public Task StartAsync() => Service.StartAsync(CancellationToken.None);

    /// <summary>Waits until <paramref name="cycles"/> cycles have ended and the sync waits on its (fake) timer.</summary>
    public async Task<BounceSyncState.Snapshot> WaitingAfterAsync(long cycles)
    {
        await Eventually.TrueAsync(() => State.Current is { IsWaiting: true } s && s.Cycles >= cycles, $"cycle {cycles} has ended");
        var snapshot = State.Current;
        Assert.Equal(cycles, snapshot.Cycles);
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        await Provider.DisposeAsync();
    }
}
