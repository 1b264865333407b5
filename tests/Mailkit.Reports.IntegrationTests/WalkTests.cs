using System.Diagnostics;
using System.Net;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Mailkit.Reports.IntegrationTests;

public class WalkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task Walk_200000RecordsWithTenPercentFaults_EveryRecordOnceInOrder(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddGenerated(200_000, seed: 7);
        EmulatorFault[] kinds =
        [
            EmulatorFault.TooManyRequests, EmulatorFault.InternalServerError, EmulatorFault.BadGateway, EmulatorFault.ServiceUnavailable,
            EmulatorFault.ResetMidBody, EmulatorFault.CutShortBody, EmulatorFault.SlowResponse,
        ];
        var random = new Random(11);
        for (var request = 10; request <= 1_000; request += 10)
        {
            // Every tenth request fails, with a fault drawn from a seeded sequence.
            emulator.FailRequest(request - random.Next(10), kinds[random.Next(kinds.Length)]);
        }

        emulator.SlowResponseDelay = TimeSpan.FromSeconds(3);
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server, transport);
        options.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        var counter = new InFlightCounter();
        using var http = new HttpClient(counter);
        using var client = new MailkitClient(http, options);
        var watch = Stopwatch.StartNew();

        var records = await Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 2_500 });

        watch.Stop();
        var faults = emulator.Requests.Count(r => r.Fault != EmulatorFault.None);
        output.WriteLine($"{transport}: {records.Count} records, {emulator.Requests.Count} requests, {faults} faulted, {watch.Elapsed.TotalSeconds:F1} s, "
            + $"at most {counter.MaxInFlight} in flight at the client, {emulator.MaxConcurrentRequests} at the server");
        Assert.InRange(faults, (emulator.Requests.Count / 10) - 1, (emulator.Requests.Count / 10) + 1);
        Assert.Equal(emulator.ExpectedRecords(), records);
        Assert.Equal(1, counter.MaxInFlight);

        // The server can see one more: a request the client abandoned at its attempt timeout (a slow response) counts
        // until the server notices the closed connection. On a loaded machine that was measured at 8 ms after the retry,
        // sent about 5 ms after the client gave up, had arrived. Without slow responses the server must see one at a time.
        var abandoned = emulator.Requests.Any(r => r.Fault == EmulatorFault.SlowResponse);
        Assert.InRange(emulator.MaxConcurrentRequests, 1, abandoned ? 2 : 1);
    }

    [Fact]
    public async Task Walk_ClientLimitMatchesTheServerLimit_NeverTripsIt()
    {
        var time = new FakeTimeProvider();
        var emulator = Emulated.Create().AddGenerated(2_000, seed: 3);
        emulator.ServerRateLimit = 3;
        emulator.ServerRateLimitWindow = TimeSpan.FromMinutes(1);
        emulator.TimeProvider = time;
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server);
        options.RateLimit.RequestsPerMinute = 3;
        options.TimeProvider = time;
        using var client = new MailkitClient(options);

        var walk = Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 250 });
        await Emulated.RunClockAsync(time, walk);
        var records = await walk;

        Assert.Equal(emulator.ExpectedRecords(), records);
        Assert.True(emulator.Requests.Count >= 9);
        Assert.DoesNotContain(emulator.Requests, r => r.Status == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Walk_FasterThanTheServerLimit_TripsItAndStillCompletes()
    {
        var time = new FakeTimeProvider();
        var emulator = Emulated.Create().AddGenerated(1_000, seed: 4);
        emulator.ServerRateLimit = 2;
        emulator.TimeProvider = time;
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server);
        options.TimeProvider = time;
        options.Retry.MaxRetryAttempts = 10;
        using var client = new MailkitClient(options);

        var walk = Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 250 });
        await Emulated.RunClockAsync(time, walk);
        var records = await walk;

        Assert.Equal(emulator.ExpectedRecords(), records);
        Assert.Contains(emulator.Requests, r => r.Status == HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task Walk_EndsInAPermanentFailure_ResumeFromItsCursorCompletesExactly(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddGenerated(10_000, seed: 5);
        emulator.FailRequest(4, EmulatorFault.Unauthorized);
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));
        var first = new List<BounceRecord>();

        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(async () =>
        {
            await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 1_000 }))
            {
                first.Add(record);
            }
        });
        var rest = await Emulated.WalkAsync(client, ex.ResumeRequest!);

        // Three pages were served before the refusal; the second overlapped the first by one record to learn the
        // server's start semantics, so the failed walk had yielded 2 999 records.
        Assert.Equal(2_999, first.Count);
        Assert.Equal(emulator.ExpectedRecords(), first.Concat(rest));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Walk_ServerQuirks_EveryRecordOnce(bool exclusiveStart, bool numbersAsNumbers)
    {
        var emulator = Emulated.Create().AddGenerated(3_000, seed: 6);
        emulator.ExclusiveStart = exclusiveStart;
        emulator.NumbersAsJsonNumbers = numbersAsNumbers;
        emulator.PageCap = 400;
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server));

        var records = await Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 1_000, StartId = BounceDataGenerator.DefaultFirstId + 10 });

        Assert.Equal(emulator.ExpectedRecords(startId: BounceDataGenerator.DefaultFirstId + 10), records);
    }

    [Fact]
    public async Task Walk_FilteredByCampaignAndSend_YieldsOnlyThoseRecords()
    {
        var emulator = Emulated.Create().AddGenerated(5_000, seed: 8);
        var sample = emulator.Bounces[123];
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server));

        var byCampaign = await Emulated.WalkAsync(client, new RawBouncesRequest { CampaignId = sample.CampaignId, PageSize = 700 });
        var bySend = await Emulated.WalkAsync(client, new RawBouncesRequest { SendId = sample.SendId, PageSize = 700 });

        Assert.Equal(emulator.ExpectedRecords(campaignId: sample.CampaignId), byCampaign);
        Assert.Equal(emulator.ExpectedRecords(sendId: sample.SendId), bySend);
        Assert.InRange(byCampaign.Count, 1, 4_999);
    }
}
