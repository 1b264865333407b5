using System.Net;
using System.Net.Http.Headers;
using Mailkit.Reports.Models;
using Mailkit.Reports.Resilience;
using Mailkit.Reports.Tests.Pagination;
using Mailkit.Reports.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Resilience;

public class ResilienceTests
{
    private static int _nextClientId = 900_000;

    [Fact]
    public async Task GetRawBouncesAsync_TransientStatus_RetriedOnAnExponentialSchedule()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("busy", HttpStatusCode.ServiceUnavailable)), time);
        var options = Options(time);
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(2);
        options.Retry.UseJitter = false;
        using var client = new MailkitClient(new HttpClient(handler), options);

        var call = client.GetRawBouncesAsync(new RawBouncesRequest());
        await RunClockAsync(time, call);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => call);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        AssertAround([0, 2, 6, 14], handler.ArrivedAt);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetRawBouncesAsync_TransientStatusThenSuccess_ReturnsThePage(HttpStatusCode status)
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(status, "text/html", "<html>oops</html>");
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", """[{"ID_UNDELIVERED_LOG":"1"}]""");
        using var client = new MailkitClient(new HttpClient(handler), Options());

        var page = await client.GetRawBouncesAsync(new RawBouncesRequest());

        Assert.Single(page.Records);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_NetworkFailureThenSuccess_ReturnsThePage()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Throw(new HttpRequestException("Connection refused"));
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", "[]");
        using var client = new MailkitClient(new HttpClient(handler), Options());

        var page = await client.GetRawBouncesAsync(new RawBouncesRequest());

        Assert.Empty(page.Records);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_RetryAfter_HonouredInsteadOfTheBackoff()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler((n, _, _) => Task.FromResult(n == 1 ? Busy(TimeSpan.FromSeconds(40)) : ScriptedHandler.Json("[]")), time);
        var options = Options(time);
        options.Retry.BaseDelay = TimeSpan.FromSeconds(1);
        options.Retry.UseJitter = false;
        using var client = new MailkitClient(new HttpClient(handler), options);

        var call = client.GetRawBouncesAsync(new RawBouncesRequest());
        await RunClockAsync(time, call);

        await call;
        AssertAround([0, 40], handler.ArrivedAt);
    }

    [Fact]
    public async Task GetRawBouncesAsync_RetryAfterBeyondTheCap_NotRetried()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(_ => Busy(TimeSpan.FromMinutes(30)));
        var options = Options();
        options.Retry.MaxRetryAfter = TimeSpan.FromMinutes(5);
        using var client = new MailkitClient(new HttpClient(handler), options);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal(TimeSpan.FromMinutes(30), ex.RetryAfter);
        handler.VerifyNoOutstandingExpectation();
    }

    public static TheoryData<HttpStatusCode, string, Type> NotRetried => new()
    {
        { HttpStatusCode.OK, """{"error_status":1,"error":"Unauthorized"}""", typeof(MailkitAuthenticationException) },
        { HttpStatusCode.OK, """{"error_status":1,"error":"Disallowed IP 192.0.2.1"}""", typeof(MailkitIpNotAllowedException) },
        { HttpStatusCode.OK, """{"error_status":3,"error":"Invalid ID_send"}""", typeof(MailkitApiException) },
        { HttpStatusCode.Unauthorized, """{"error_status":1,"error":"Unauthorized"}""", typeof(MailkitAuthenticationException) },
        { HttpStatusCode.BadRequest, "bad request", typeof(MailkitHttpException) },
        { HttpStatusCode.Forbidden, "forbidden", typeof(MailkitHttpException) },
        { HttpStatusCode.NotFound, "not found", typeof(MailkitHttpException) },
        { HttpStatusCode.OK, "<html>not json</html>", typeof(MailkitProtocolException) },
    };

    [Theory]
    [MemberData(nameof(NotRetried))]
    public async Task GetRawBouncesAsync_PermanentFailure_NotRetried(HttpStatusCode status, string body, Type expected)
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(status, "application/json", body);
        using var client = new MailkitClient(new HttpClient(handler), Options());

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.IsType(expected, ex);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_RetriedRequest_CarriesItsFullBody()
    {
        var body = $$$"""{"function":"mailkit.report.raw.bounces","id":"{{{TestSupport.ClientId}}}","md5":"{{{TestSupport.Md5}}}","parameters":{"ID_message":"5","ID_undelivered_log":"6","limit":"7"}}""";
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithContent(body).Respond(HttpStatusCode.BadGateway, "application/json", "");
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithContent(body).Respond(HttpStatusCode.BadGateway, "application/json", "");
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithContent(body).Respond("application/json", "[]");
        using var client = new MailkitClient(new HttpClient(handler), Options());

        await client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 5, StartId = 6, PageSize = 7 });

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_AttemptTimesOut_RetriedThenTimeoutException()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ScriptedHandler.Json("[]");
        }, time);
        var options = Options(time);
        options.AttemptTimeout = TimeSpan.FromSeconds(30);
        options.Retry.MaxRetryAttempts = 1;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(1);
        options.Retry.UseJitter = false;
        using var client = new MailkitClient(new HttpClient(handler), options);

        var call = client.GetRawBouncesAsync(new RawBouncesRequest());
        await RunClockAsync(time, call);

        var ex = await Assert.ThrowsAsync<MailkitTimeoutException>(() => call);
        Assert.Contains("AttemptTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.Timeout);
        Assert.Equal(2, handler.ArrivedAt.Count);
        // 30 s of attempt timeout, then 1 s of backoff. The fake clock moves in steps while the cancellation and the
        // retry hop across threads, so on a loaded machine the retry may be seen a few steps late: the upper bound only
        // has to tell a 30-second timeout from a longer one.
        Assert.InRange(handler.ArrivedAt[1].TotalSeconds, 31, 36);
    }

    [Fact]
    public async Task GetRawBouncesAsync_BodyOutlivesTheCallTimeout_TimeoutException()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new ScriptedStream("[{\"ID_UNDELIVERED_LOG\":\"1\"},"u8.ToArray(), stallAtEnd: true)),
        }), time);
        var options = Options(time);
        options.AttemptTimeout = TimeSpan.FromSeconds(30);
        options.CallTimeout = TimeSpan.FromMinutes(2);
        using var client = new MailkitClient(new HttpClient(handler), options);

        var call = client.GetRawBouncesAsync(new RawBouncesRequest());
        await RunClockAsync(time, call);

        var ex = await Assert.ThrowsAsync<MailkitTimeoutException>(() => call);
        Assert.Contains("CallTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.Timeout);
    }

    [Fact]
    public async Task Limiter_TwoClientsOfOneAccount_NeverTwoRequestsInFlight()
    {
        var handler = new ScriptedHandler(async (_, request, token) =>
        {
            await Task.Delay(5, token);
            return ScriptedHandler.Json(Page(await request.Content!.ReadAsStringAsync(token), 40));
        });
        var clientId = NextClientId();
        var options = Options(clientId: clientId, concurrent: 1);
        using var first = new MailkitClient(new HttpClient(handler), options);
        using var second = new MailkitClient(new HttpClient(handler), Options(clientId: clientId, concurrent: 1));

        var counts = await Task.WhenAll(CountAsync(first), CountAsync(second));

        Assert.Equal([40, 40], counts);
        Assert.Equal(1, handler.MaxOpen);
        Assert.True(handler.Count >= 20);
    }

    [Fact]
    public async Task Limiter_TwoAccounts_ProceedInParallel()
    {
        var bothIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        var handler = new ScriptedHandler(async (_, _, token) =>
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothIn.SetResult();
            }

            // Each answer waits for the other account's request: only possible if both are in flight at once.
            await bothIn.Task.WaitAsync(TimeSpan.FromSeconds(20), token);
            return ScriptedHandler.Json("[]");
        });
        using var first = new MailkitClient(new HttpClient(handler), Options(clientId: NextClientId(), concurrent: 1));
        using var second = new MailkitClient(new HttpClient(handler), Options(clientId: NextClientId(), concurrent: 1));

        await Task.WhenAll(first.GetRawBouncesAsync(new RawBouncesRequest()), second.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal(2, handler.MaxOpen);
    }

    [Fact]
    public async Task Limiter_CallerCancelsWhileQueued_CancelledWithoutSending()
    {
        var handler = TestSupport.StrictHandler();
        var pages = handler.When(HttpMethod.Post, TestSupport.JsonUrl).Respond("application/json", """[{"ID_UNDELIVERED_LOG":"1"},{"ID_UNDELIVERED_LOG":"2"}]""");
        var clientId = NextClientId();
        using var holder = new MailkitClient(new HttpClient(handler), Options(clientId: clientId, concurrent: 1));
        var waiterOptions = Options(clientId: clientId, concurrent: 1);
        using var waiter = new MailkitClient(new HttpClient(handler), waiterOptions);

        // A walk paused inside its first page keeps that response, and so the account's only permit.
        var walk = holder.GetAllRawBouncesAsync(new RawBouncesRequest()).GetAsyncEnumerator();
        Assert.True(await walk.MoveNextAsync());
        using var cts = new CancellationTokenSource();
        var queued = waiter.GetRawBouncesAsync(new RawBouncesRequest(), cts.Token);
        await UntilQueuedAsync(waiterOptions, 1);
        Assert.False(queued.IsCompleted);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(1, handler.GetMatchCount(pages));
        await walk.DisposeAsync();
        await waiter.GetRawBouncesAsync(new RawBouncesRequest());
        Assert.Equal(2, handler.GetMatchCount(pages));
    }

    [Fact]
    public async Task Limiter_RequestsPerMinute_ThirdCallWaitsForTheWindow()
    {
        var time = new TimerWatchingTimeProvider();
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("[]")), time);
        var options = Options(time, clientId: NextClientId());
        options.RateLimit.RequestsPerMinute = 2;
        using var client = new MailkitClient(new HttpClient(handler), options);

        await client.GetRawBouncesAsync(new RawBouncesRequest());
        await client.GetRawBouncesAsync(new RawBouncesRequest());
        var third = client.GetRawBouncesAsync(new RawBouncesRequest());

        // The clock has not moved since the first start, so the third call waits out the whole minute.
        await time.ArmedAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(third.IsCompleted);
        Assert.Equal(2, handler.Count);

        await RunClockAsync(time, third);

        await third;
        Assert.Equal(3, handler.Count);
        Assert.InRange(handler.ArrivedAt[2], TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(71));
    }

    [Fact]
    public async Task Limiter_QueueFull_RejectedWithTypedError()
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
        var options = Options(clientId: NextClientId(), concurrent: 1);
        options.RateLimit.QueueLimit = 0;
        using var client = new MailkitClient(new HttpClient(handler), options);

        // Once the first request is at the server, it holds the account's only permit.
        var first = client.GetRawBouncesAsync(new RawBouncesRequest());
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var ex = await Assert.ThrowsAsync<MailkitRateLimitRejectedException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));
        release.SetResult();
        await first;

        Assert.Contains("QueueLimit", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        handler.VerifyNoOutstandingExpectation();
    }

    internal static MailkitClientOptions Options(TimeProvider? time = null, int? clientId = null, int concurrent = 64)
    {
        var options = TestSupport.Options();
        options.ClientId = clientId ?? TestSupport.ClientId;
        options.TimeProvider = time ?? TimeProvider.System;
        options.RateLimit.MaxConcurrentRequests = concurrent;
        options.Retry.BaseDelay = TimeSpan.Zero;
        options.Retry.MaxDelay = TimeSpan.FromMinutes(2);
        return options;
    }

    internal static int NextClientId() => Interlocked.Increment(ref _nextClientId);

    /// <summary>Waits until <paramref name="count"/> calls of the clients built with <paramref name="options"/> wait for a request in flight to end.</summary>
    internal static async Task UntilQueuedAsync(MailkitClientOptions options, long count)
    {
        var registry = AccountRateLimiterRegistry.Default;
        var limiter = registry.Rent(MailkitAccount.From(options), options.RateLimit, options.TimeProvider);
        try
        {
            await TestSupport.UntilAsync(() => limiter.QueuedCount == count, $"{count} queued calls");
        }
        finally
        {
            registry.Return(limiter);
        }
    }

    /// <summary>Moves the fake clock in small steps until the task is done, giving the code under test real time to react.</summary>
    internal static async Task RunClockAsync(FakeTimeProvider time, Task task)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            // Let the code under test reach its next wait before the clock moves on: on a loaded machine a continuation
            // still queued when the clock jumps would see more time pass than the test means.
            await Task.Delay(2);
            for (var spins = 0; ThreadPool.PendingWorkItemCount > 0 && spins < 100; spins++)
            {
                await Task.Delay(1);
            }

            time.Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    private static void AssertAround(double[] expectedSeconds, List<TimeSpan> actual)
    {
        Assert.Equal(expectedSeconds.Length, actual.Count);
        for (var i = 0; i < expectedSeconds.Length; i++)
        {
            Assert.InRange(actual[i].TotalSeconds, expectedSeconds[i], expectedSeconds[i] + 0.75);
        }
    }

    private static HttpResponseMessage Busy(TimeSpan retryAfter)
    {
        var response = ScriptedHandler.Json("busy", HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }

    private static string Page(string requestBody, int total) =>
        StreamingSocketTests.Page(requestBody.Replace("\"limit\":\"25000\"", "\"limit\":\"4\"", StringComparison.Ordinal), Enumerable.Range(1, total).Select(i => (long)i));

    private static async Task<int> CountAsync(MailkitClient client)
    {
        var count = 0;
        await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest()))
        {
            count++;
            await Task.Yield();
        }

        return count;
    }
}
