using Mailkit.Reports.Hosting.HealthChecks;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Tests.DependencyInjection;

public class MailkitHealthChecksBuilderExtensionsTests
{
    [Fact]
    public async Task AddMailkitHealthChecks_CalledTwice_BeforeAndAfterTheSyncs_EachCheckOnce_TheServiceRuns()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddHealthChecks().AddMailkitHealthChecks(failureStatus: HealthStatus.Degraded, tags: ["mailkit", "ready"]);
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();
        services.AddMailkitClient("eu", o => o.ClientId = 2).AddBounceSync<ForwardingHandler>();
        services.AddHealthChecks().AddMailkitHealthChecks();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["mailkit-sync:default", "mailkit-sync:eu"], report.Entries.Keys.Order());
        Assert.Equal(["mailkit", "ready"], report.Entries["mailkit-sync:eu"].Tags);
        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.All(registrations, r => Assert.Equal(HealthStatus.Degraded, r.FailureStatus));
    }

    [Fact]
    public async Task AddMailkitHealthChecks_CredentialsRefused_Unhealthy()
    {
        var emulator = Emulated.Create();
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddMailkitClient("eu", o =>
        {
            o.ClientId = emulator.ClientId;
            o.ClientMd5 = new string('f', 32);
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler).AddBounceSync<ForwardingHandler>();
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CheckCredentials = true);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["mailkit-credentials:eu"].Status);
        Assert.IsType<MailkitAuthenticationException>(report.Entries["mailkit-credentials:eu"].Exception);
        Assert.DoesNotContain(new string('f', 32), report.Entries["mailkit-credentials:eu"].Description, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Finding", "R2-M2")]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(59)]
    public void AddMailkitHealthChecks_CacheDurationUnderAMinute_FailsValidationNamingTheSetting(int seconds)
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddMailkitHealthChecks(o => o.CredentialsCacheDuration = TimeSpan.FromSeconds(seconds));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailkitHealthCheckOptions>>().Value);

        Assert.Contains("MailkitHealthCheckOptions.CredentialsCacheDuration", ex.Message, StringComparison.Ordinal);
    }
}
