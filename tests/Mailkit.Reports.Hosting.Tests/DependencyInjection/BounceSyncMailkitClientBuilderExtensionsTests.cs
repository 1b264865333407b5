using Mailkit.Reports.Hosting.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailkit.Reports.Hosting.Tests.DependencyInjection;

public class BounceSyncMailkitClientBuilderExtensionsTests
{
    [Fact]
    public void AddBounceSync_OnABuilderNotFromAddMailkitClient_Throws()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddHttpClient("other").AddBounceSync<ForwardingHandler>());
        Assert.Contains("AddMailkitClient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBounceSync_TwiceForOneAccount_Throws()
    {
        var services = new ServiceCollection();
        var builder = services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();

        Assert.Throws<InvalidOperationException>(() => builder.AddBounceSync<ForwardingHandler>());
    }

    [Fact]
    public void AddBounceSync_Arguments_NullRefused()
    {
        var builder = new ServiceCollection().AddMailkitClient(o => o.ClientId = 1);

        Assert.Throws<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddBounceSync<ForwardingHandler>());
        Assert.Throws<ArgumentNullException>(() => builder.AddBounceSync<ForwardingHandler>((Action<BounceSyncOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddBounceSync<ForwardingHandler>((IConfiguration)null!));
    }

    [Fact]
    public void AddBounceSync_NamedAccounts_EachGetsItsOwnSync_AndTheDefaultOneIsNamedDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new CollectingHandler());
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>();
        services.AddMailkitClient("eu", o => o.ClientId = 2).AddBounceSync<ForwardingHandler>(o => o.Interval = TimeSpan.FromMinutes(5));
        services.AddMailkitClient("us", o => o.ClientId = 3).AddBounceSync<ForwardingHandler>();
        using var provider = services.BuildServiceProvider();

        var syncs = provider.GetServices<IHostedService>().OfType<BounceSyncService>().Select(s => s.SyncName);

        Assert.Equal(["default", "eu", "us"], syncs);
        var options = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>();
        Assert.Equal(TimeSpan.FromMinutes(5), options.Get("eu").Interval);
        Assert.Equal(BounceSyncOptions.DefaultInterval, options.Get("us").Interval);
    }

    [Fact]
    public void AddBounceSync_FromConfiguration_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Interval"] = "00:05:00",
            ["MaxFailureDelay"] = "02:00:00",
            ["RefusedRetryInterval"] = "12:00:00",
            ["StartId"] = "4294967296",
            ["CampaignId"] = "7",
            ["SendId"] = "9",
            ["PageSize"] = "1000",
            ["MaxHandlerAttempts"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu");

        Assert.Equal(TimeSpan.FromMinutes(5), options.Interval);
        Assert.Equal(TimeSpan.FromHours(2), options.MaxFailureDelay);
        Assert.Equal(TimeSpan.FromHours(12), options.RefusedRetryInterval);
        Assert.Equal(new Models.RawBouncesRequest { StartId = 4_294_967_296, CampaignId = 7, SendId = 9, PageSize = 1000 }, options.CreateStartRequest());
        Assert.Equal(8, options.MaxHandlerAttempts);
    }

    [Theory]
    [InlineData("Interval", "BounceSyncOptions.Interval")]
    [InlineData("MaxFailureDelay", "BounceSyncOptions.MaxFailureDelay")]
    [InlineData("RefusedRetryInterval", "BounceSyncOptions.RefusedRetryInterval")]
    [InlineData("PageSize", "BounceSyncOptions.PageSize")]
    [InlineData("StartId", "BounceSyncOptions.StartId")]
    [InlineData("MaxHandlerAttempts", "BounceSyncOptions.MaxHandlerAttempts")]
    public void Options_OutOfRange_FailValidationNamingTheSetting(string setting, string expected)
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(o =>
        {
            switch (setting)
            {
                case "Interval": o.Interval = TimeSpan.Zero; break;
                case "MaxFailureDelay": o.MaxFailureDelay = TimeSpan.FromDays(31); break;
                case "RefusedRetryInterval": o.RefusedRetryInterval = TimeSpan.FromSeconds(-1); break;
                case "PageSize": o.PageSize = 25_001; break;
                case "MaxHandlerAttempts": o.MaxHandlerAttempts = 0; break;
                default: o.StartId = -1; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'eu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SeveralRequestSettingsOutOfRange_EachNamedUnderBounceSyncOptions()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AddBounceSync<ForwardingHandler>(o =>
        {
            o.StartId = -1;
            o.CampaignId = -2;
            o.PageSize = 0;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<BounceSyncOptions>>().Get("eu"));

        Assert.Equal(
            [
                "BounceSyncOptions.CampaignId must be null or a non-negative integer. (bounce sync 'eu')",
                "BounceSyncOptions.StartId must be null or a non-negative integer. (bounce sync 'eu')",
                "BounceSyncOptions.PageSize must be from 1 to 25000. (bounce sync 'eu')",
            ],
            ex.Failures);
    }

    [Fact]
    public void AddBounceSync_OnTheAccountBuilder_SameSyncAsOnTheHttpClientBuilder()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => o.ClientId = 1).AsMailkitClientBuilder().AddBounceSync<ForwardingHandler>().UseFileCursorStore("cursors");
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<FileBounceCursorStore>(provider.GetRequiredKeyedService<IBounceCursorStore>("eu"));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "cursors"), store.Directory);
        Assert.Equal("eu", Assert.Single(provider.GetServices<IHostedService>().OfType<BounceSyncService>()).SyncName);
    }

    [Fact]
    public void UseFileCursorStore_AStoreRegisteredFirst_Wins()
    {
        var services = new ServiceCollection();
        var mine = new MemoryCursorStore();
        services.AddKeyedSingleton<IBounceCursorStore>("default", mine);
        services.AddMailkitClient(o => o.ClientId = 1).AddBounceSync<ForwardingHandler>().UseFileCursorStore("cursors");
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredKeyedService<IBounceCursorStore>("default"));
    }
}
