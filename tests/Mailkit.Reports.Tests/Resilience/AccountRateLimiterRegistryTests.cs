using Mailkit.Reports.Models;
using Mailkit.Reports.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Resilience;

public class AccountRateLimiterRegistryTests
{
    private static readonly Uri Endpoint = new("https://api.mailkit.eu/");

    [Fact]
    public void Registry_SameAccountClockAndLimits_SharesOneLimiter()
    {
        var registry = new AccountRateLimiterRegistry();
        var limits = new MailkitRateLimitOptions();

        var first = registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System);
        var second = registry.Rent(new MailkitAccount(Endpoint, 1), new MailkitRateLimitOptions(), TimeProvider.System);

        Assert.Same(first, second);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    [Trait("Finding", "M9")]
    public void Registry_SecondClientWithAnotherClock_DoesNotInheritTheFirstsClock()
    {
        var registry = new AccountRateLimiterRegistry();
        var limits = new MailkitRateLimitOptions();

        var fake = registry.Rent(new MailkitAccount(Endpoint, 1), limits, new FakeTimeProvider());
        var system = registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System);

        Assert.NotSame(fake, system);
    }

    [Fact]
    [Trait("Finding", "M9")]
    public void Registry_SecondClientWithOtherLimits_KeepsItsOwnLimits()
    {
        var registry = new AccountRateLimiterRegistry();

        var strict = registry.Rent(new MailkitAccount(Endpoint, 1), new MailkitRateLimitOptions { RequestsPerMinute = 1 }, TimeProvider.System);
        var loose = registry.Rent(new MailkitAccount(Endpoint, 1), new MailkitRateLimitOptions { RequestsPerMinute = 600 }, TimeProvider.System);

        Assert.Equal(1, strict.Options.RequestsPerMinute);
        Assert.Equal(600, loose.Options.RequestsPerMinute);
    }

    [Fact]
    public void Registry_OtherAccount_GetsItsOwnLimiter()
    {
        var registry = new AccountRateLimiterRegistry();
        var limits = new MailkitRateLimitOptions();

        Assert.NotSame(registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System), registry.Rent(new MailkitAccount(Endpoint, 2), limits, TimeProvider.System));
        Assert.NotSame(registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System), registry.Rent(new MailkitAccount(new Uri("https://other.example/"), 1), limits, TimeProvider.System));
    }

    [Fact]
    public void Registry_LastUserReturnsTheLimiter_EntryGoesAway()
    {
        var registry = new AccountRateLimiterRegistry();
        var limits = new MailkitRateLimitOptions();
        var first = registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System);
        registry.Rent(new MailkitAccount(Endpoint, 1), limits, TimeProvider.System);

        registry.Return(first);
        Assert.Equal(1, registry.Count);
        registry.Return(first);

        Assert.Equal(0, registry.Count);
    }

    [Fact]
    [Trait("Finding", "M9")]
    public async Task Client_SequentialClientsOfOneAccount_SecondOnTheSystemClockIsNotHeldByTheFirstsFakeClock()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", "[]");
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", "[]");
        var clientId = ResilienceTests.NextClientId();
        var fakeOptions = ResilienceTests.Options(new FakeTimeProvider(), clientId);
        fakeOptions.RateLimit.RequestsPerMinute = 1;
        var systemOptions = ResilienceTests.Options(clientId: clientId);
        systemOptions.RateLimit.RequestsPerMinute = 1;

        // Kept alive on purpose: keying alone, not the entry going away, must keep the clocks apart.
        using var first = new MailkitClient(new HttpClient(handler), fakeOptions);
        await first.GetRawBouncesAsync(new RawBouncesRequest());
        using var second = new MailkitClient(new HttpClient(handler), systemOptions);

        // On the first client's frozen clock this call would wait for a minute that never passes.
        await second.GetRawBouncesAsync(new RawBouncesRequest()).WaitAsync(TimeSpan.FromSeconds(20));

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void Client_Disposed_ReturnsItsLimiterOnce()
    {
        var clientId = ResilienceTests.NextClientId();
        var registry = new AccountRateLimiterRegistry();
        var handler = TestSupport.StrictHandler();
        var options = ResilienceTests.Options(clientId: clientId);
        using var kept = new MailkitClient(new HttpClient(handler), options, null, registry);
        var disposed = new MailkitClient(new HttpClient(handler), options, null, registry);

        disposed.Dispose();
        disposed.Dispose();

        Assert.Equal(1, registry.Count);
        kept.Dispose();
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public async Task Limiter_EnumeratorAbandonedWithoutDispose_FreesTheAccountsOnlyPermitAtTheCallTimeout()
    {
        var time = new FakeTimeProvider();
        var handler = TestSupport.StrictHandler();
        var pages = handler.When(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", """[{"ID_UNDELIVERED_LOG":"1"},{"ID_UNDELIVERED_LOG":"2"}]""");
        var options = ResilienceTests.Options(time, ResilienceTests.NextClientId(), concurrent: 1);
        options.AttemptTimeout = TimeSpan.FromMinutes(1);
        options.CallTimeout = TimeSpan.FromMinutes(2);
        using var client = new MailkitClient(new HttpClient(handler), options);

        // Paused inside its first page and never disposed: the response, and so the permit, stays with it.
        var abandoned = client.GetAllRawBouncesAsync(new RawBouncesRequest()).GetAsyncEnumerator();
        Assert.True(await abandoned.MoveNextAsync());
        time.Advance(TimeSpan.FromMinutes(1));
        var waiting = client.GetRawBouncesAsync(new RawBouncesRequest());
        await ResilienceTests.UntilQueuedAsync(options, 1);
        Assert.False(waiting.IsCompleted);

        // The abandoned call's deadline passes; the waiting call's own is still a minute away.
        time.Advance(TimeSpan.FromMinutes(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, handler.GetMatchCount(pages));
    }

    [Fact]
    public void AddMailkitClient_Registry_IsOneSingleton()
    {
        var services = new ServiceCollection();
        services.AddMailkitClient(o =>
        {
            o.ClientId = TestSupport.ClientId;
            o.ClientMd5 = TestSupport.Md5;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<AccountRateLimiterRegistry>(), provider.GetRequiredService<AccountRateLimiterRegistry>());
        Assert.NotSame(AccountRateLimiterRegistry.Default, provider.GetRequiredService<AccountRateLimiterRegistry>());
    }
}
