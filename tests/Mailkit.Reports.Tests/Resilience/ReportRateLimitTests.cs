using System.Net;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Resilience;

/// <summary>One account has one rate limit and one concurrency limit, whichever reports its calls read.</summary>
public class ReportRateLimitTests
{
    [Fact]
    [Trait("Issue", "25")]
    public async Task Limiter_BouncesAndMessagesOfOneAccount_ShareTheWindow()
    {
        var time = new TimerWatchingTimeProvider();
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("[]")), time);
        var options = ResilienceTests.Options(time, clientId: ResilienceTests.NextClientId());
        options.RateLimit.RequestsPerMinute = 2;
        using var bounces = new MailkitClient(new HttpClient(handler), options);
        using var messages = new MailkitClient(new HttpClient(handler), options);

        await bounces.GetRawBouncesAsync(new RawBouncesRequest());
        await messages.GetRawMessagesAsync(new RawMessagesRequest());
        var third = messages.GetUnsubscribesAsync(new UnsubscribesRequest());

        // Two calls of two reports used the account's window: the third, of a third report, waits out the minute.
        await time.ArmedAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, handler.Count);

        await ResilienceTests.RunClockAsync(time, third);

        await third;
        Assert.Equal(3, handler.Count);
        Assert.Contains("mailkit.mailinglist.unsubscribed", handler.Bodies[2], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task Limiter_AnotherAccount_NotHeldByTheFirstAccountsWindow()
    {
        var time = new TimerWatchingTimeProvider();
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("[]")), time);
        var options = ResilienceTests.Options(time, clientId: ResilienceTests.NextClientId());
        options.RateLimit.RequestsPerMinute = 1;
        var other = ResilienceTests.Options(time, clientId: ResilienceTests.NextClientId());
        other.RateLimit.RequestsPerMinute = 1;
        using var first = new MailkitClient(new HttpClient(handler), options);
        using var second = new MailkitClient(new HttpClient(handler), other);

        await first.GetRawBouncesAsync(new RawBouncesRequest());
        await second.GetRawMessagesAsync(new RawMessagesRequest());

        Assert.Equal(2, handler.Count);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task Limiter_RequestInFlightOfOneReport_HoldsTheAccountsOnlyPermitForEveryReport()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(async _ =>
        {
            entered.SetResult();
            await release.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]") };
        });
        var options = ResilienceTests.Options(clientId: ResilienceTests.NextClientId(), concurrent: 1);
        options.RateLimit.QueueLimit = 0;
        using var bounces = new MailkitClient(new HttpClient(handler), options);
        using var reports = new MailkitClient(new HttpClient(handler), options);

        var first = bounces.GetRawBouncesAsync(new RawBouncesRequest());
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Func<Task>[] others =
        [
            () => reports.GetRawMessagesAsync(new RawMessagesRequest()),
            () => reports.GetRawResponsesAsync(new RawResponsesRequest()),
            () => reports.GetMessageBouncesAsync(1),
            () => reports.GetMessageRecipientsAsync(1),
            () => reports.GetCampaignsAsync(),
            () => reports.GetCampaignSendsAsync(1),
            () => reports.GetUnsubscribesAsync(new UnsubscribesRequest()),
        ];
        var rejected = new List<MailkitRateLimitRejectedException>();
        foreach (var call in others)
        {
            rejected.Add(await Assert.ThrowsAsync<MailkitRateLimitRejectedException>(call));
        }

        release.SetResult();
        await first;

        Assert.Equal(others.Length, rejected.Count);
        handler.VerifyNoOutstandingExpectation();
    }
}
