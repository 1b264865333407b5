using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.DependencyInjection;

public class DependencyInjectionTests
{
    [Fact]
    public async Task AddMailkitClient_FromConfiguration_ResolvesAClientWithThoseSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mailkit:ClientId"] = "31337",
            ["Mailkit:ClientMd5"] = TestSupport.Md5,
            ["Mailkit:Transport"] = "XmlRpc",
            ["Mailkit:Retry:MaxRetryAttempts"] = "2",
            ["Mailkit:RateLimit:RequestsPerMinute"] = "1000",
            ["Mailkit:AttemptTimeout"] = "00:02:00",
        }).Build();
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.XmlRpcUrl)
            .WithPartialContent("<int>31337</int>")
            .Respond("text/xml", "<methodResponse><params><param><value><array><data/></array></value></param></params></methodResponse>");
        var services = new ServiceCollection();
        services.AddMailkitClient(configuration.GetSection("Mailkit")).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IMailkitClient>();
        await client.GetRawBouncesAsync(new RawBouncesRequest());

        var options = provider.GetRequiredService<IOptionsMonitor<MailkitClientOptions>>().Get(Options.DefaultName);
        Assert.Equal(MailkitTransportKind.XmlRpc, options.Transport);
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), options.AttemptTimeout);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddMailkitClient_TypedHttpClient_HasNoTimeoutOfItsOwn()
    {
        HttpClient? seen = null;
        var services = new ServiceCollection();
        services.AddMailkitClient(o => { o.ClientId = 1; o.ClientMd5 = TestSupport.Md5; })
            .ConfigureHttpClient(client => seen = client);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IMailkitClient>();

        Assert.NotNull(seen);
        Assert.Equal(Timeout.InfiniteTimeSpan, seen!.Timeout);
    }

    [Fact]
    public void ValidateOnStart_InvalidSettings_FailsWithAMessageNamingThem()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient(o =>
        {
            o.ClientId = 0;
            o.ClientMd5 = "not-an-md5";
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MailkitClientOptions.ClientId must be a positive integer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MailkitClientOptions.ClientMd5 must be exactly 32 hexadecimal characters", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-md5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_NamedAccountInvalid_MessageNamesTheAccount()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => { o.ClientId = 5; o.ClientMd5 = TestSupport.Md5; o.Endpoint = new Uri("http://mailkit.example/"); });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MailkitClientOptions.Endpoint must use https", ex.Message, StringComparison.Ordinal);
        Assert.Contains("account 'eu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMailkitClient_TwoNamedAccounts_EachCallsWithItsOwnCredentials()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithPartialContent("\"id\":\"111\"").Respond("application/json", "[]");
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithPartialContent("\"id\":\"222\"").Respond("application/json", "[]");
        var services = new ServiceCollection();
        services.AddMailkitClient("eu", o => { o.ClientId = 111; o.ClientMd5 = TestSupport.Md5; }).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddMailkitClient("cz", o => { o.ClientId = 222; o.ClientMd5 = TestSupport.Md5; }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        await provider.GetRequiredKeyedService<IMailkitClient>("eu").GetRawBouncesAsync(new RawBouncesRequest());
        await provider.GetRequiredService<IMailkitClientFactory>().CreateClient("cz").GetRawBouncesAsync(new RawBouncesRequest());

        handler.VerifyNoOutstandingExpectation();
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IMailkitClientFactory>().CreateClient("de"));
    }

    [Fact]
    public void AddMailkitClient_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>("services", () => MailkitServiceCollectionExtensions.AddMailkitClient(null!, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddMailkitClient((Action<MailkitClientOptions>)null!));
        Assert.Throws<ArgumentNullException>("configuration", () => services.AddMailkitClient((IConfiguration)null!));
        Assert.Throws<ArgumentException>("name", () => services.AddMailkitClient(string.Empty, _ => { }));
    }
}
