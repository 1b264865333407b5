using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Hosting.Tests.HealthChecks;

public class CredentialsProbeTests
{
    [Fact]
    public async Task AddMailkitHealthChecks_CredentialsCheck_OneCallOfOneRecord_CachedForFiveMinutes()
    {
        var emulator = Emulated.Create().AddGenerated(3);
        var time = new FakeTimeProvider(SyncHarness.Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        services.AddMailkitClient(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = emulator.ClientMd5;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        for (var probe = 0; probe < 3; probe++)
        {
            var report = await health.CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-credentials:default"].Status);
            Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-sync:default"].Status);
            Assert.Equal(["mailkit"], report.Entries["mailkit-sync:default"].Tags);
        }

        var call = Assert.Single(emulator.Requests);
        Assert.Equal("1", call.Parameters["limit"]);

        time.Advance(MailkitHealthCheckOptions.DefaultCredentialsCacheDuration);
        await health.CheckHealthAsync();
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    [Trait("Finding", "R2-M2")]
    public async Task CredentialsCheck_ProbeCancelledAfterTheRequestWasSent_FiveProbesInTheCacheDuration_AtMostOneRequest()
    {
        var time = new FakeTimeProvider(SyncHarness.Start);
        var emulator = Emulated.Create().AddGenerated(3);
        emulator.TimeProvider = time;
        emulator.SlowResponseDelay = TimeSpan.FromHours(1);
        emulator.FailRequest(1, EmulatorFault.SlowResponse);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        services.AddMailkitClient(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = emulator.ClientMd5;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();
        var onlyCredentials = (HealthCheckRegistration r) => r.Name.StartsWith("mailkit-credentials:", StringComparison.Ordinal);

        // The first probe gives up once its request has reached Mailkit, as an aborted HTTP probe does.
        using (var aborted = new CancellationTokenSource())
        {
            var first = health.CheckHealthAsync(onlyCredentials, aborted.Token);
            await Eventually.TrueAsync(() => emulator.Requests.Count == 1, "the probe's request has been sent");
            await aborted.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        // A second probe while the call is still in flight shares it, and gives up too.
        using (var aborted = new CancellationTokenSource())
        {
            var second = health.CheckHealthAsync(onlyCredentials, aborted.Token);
            await aborted.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        }

        // The call's own timeout ends it; its outcome answers the next probes for the cache duration from its start.
        time.Advance(MailkitHealthCheckOptions.DefaultCredentialsTimeout);
        var results = new List<HealthStatus>();
        for (var probe = 0; probe < 3; probe++)
        {
            var report = await health.CheckHealthAsync(onlyCredentials);
            results.Add(report.Entries["mailkit-credentials:default"].Status);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([HealthStatus.Degraded, HealthStatus.Degraded, HealthStatus.Degraded], results);
        Assert.Single(emulator.Requests);

        // The probe's client was disposed with the probe's own scope: no share of the account's rate limit is left.
        Assert.Equal(0, provider.GetRequiredService<AccountRateLimiterRegistry>().Count);
    }

    [Fact]
    [Trait("Finding", "R2-M2")]
    public async Task CredentialsCheck_WhileTheSyncIsCalling_NoCallOfItsOwn_AnswersBusy()
    {
        var emulator = Emulated.Create().AddGenerated(3);
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        services.AddMailkitClient(o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = emulator.ClientMd5;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<BounceSyncStates>().Get("default").Started(SyncHarness.Start);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["mailkit-credentials:default"].Status);
        Assert.StartsWith("Busy", report.Entries["mailkit-credentials:default"].Description, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }
}
