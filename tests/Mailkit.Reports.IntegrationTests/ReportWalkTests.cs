using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.IntegrationTests;

/// <summary>
/// The reports paged by record ID and by date, walked over the emulator's world on a loopback socket: every record once,
/// through faults, after a resume, from a server that reads the start as exclusive, under one account's limit.
/// </summary>
[Trait("Issue", "25")]
public class ReportWalkTests
{
    private static readonly EmulatorFault[] BodyFaults = [EmulatorFault.ResetMidBody, EmulatorFault.CutShortBody, EmulatorFault.InternalServerError];

    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task RawMessages_WalkThroughFaults_EveryServedMessageOnceWithItsSendTime(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddWorld();
        for (var request = 2; request <= 8; request += 2)
        {
            emulator.FailRequest(request, BodyFaults[request % BodyFaults.Length]);
        }

        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));

        var records = await MessagesAsync(client, new RawMessagesRequest { PageSize = 400 });

        var expected = emulator.World!.Messages.Where(m => !m.Pruned).OrderBy(m => m.SendMessageId).ToList();
        Assert.Equal(expected.Select(m => m.SendMessageId), records.Select(r => r.SendMessageId));
        Assert.Equal(expected.Select(m => m.SentAt), records.Select(r => r.DateSent));
        Assert.Equal(expected.Select(m => m.Email), records.Select(r => r.Email));
        Assert.Contains(emulator.Requests, r => r.Fault != EmulatorFault.None);
    }

    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task RawResponses_WalkThroughFaults_EveryResponseOnce(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddWorld();
        emulator.FailRequest(2, EmulatorFault.ResetMidBody);
        emulator.FailRequest(3, EmulatorFault.CutShortBody);
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));

        var records = await ResponsesAsync(client, new RawResponsesRequest { PageSize = 150 });

        var expected = emulator.World!.Responses.OrderBy(r => r.LogId).ToList();
        Assert.Equal(expected.Select(r => r.LogId), records.Select(r => r.LogId));
        Assert.Equal(expected.Select(r => r.SendMessageId), records.Select(r => r.SendMessageId!.Value));
        Assert.Equal(expected.Select(r => (DateTimeOffset?)r.At), records.Select(r => r.Date));
    }

    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task RawMessages_WalkFailsForGood_ResumeRequestContinuesExactly(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddWorld();
        emulator.FailRequest(3, EmulatorFault.ResetMidBody);
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server, transport);
        options.Retry.MaxRetryAttempts = 0;
        using var client = new MailkitClient(options);
        var first = new List<RawMessageRecord>();

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(async () =>
        {
            await foreach (var record in client.GetAllRawMessagesAsync(new RawMessagesRequest { PageSize = 500 }))
            {
                first.Add(record);
            }
        });
        var resume = ex.GetResumeRequest<RawMessagesRequest>();
        var rest = await MessagesAsync(client, resume!);

        var expected = emulator.World!.Messages.Where(m => !m.Pruned).Select(m => m.SendMessageId).Order();
        Assert.NotEmpty(first);
        Assert.Equal(first[^1].SendMessageId + 1, resume!.StartId);
        Assert.Equal(expected, first.Concat(rest).Select(r => r.SendMessageId));
    }

    [Theory]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task RawReports_ExclusiveStartEmulator_NothingLostOrDoubled(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create().AddWorld();
        emulator.ExclusiveStart = true;
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));

        var messages = await MessagesAsync(client, new RawMessagesRequest { PageSize = 300 });
        var responses = await ResponsesAsync(client, new RawResponsesRequest { PageSize = 100 });

        Assert.Equal(emulator.World!.Messages.Where(m => !m.Pruned).Select(m => m.SendMessageId).Order(), messages.Select(r => r.SendMessageId));
        Assert.Equal(emulator.World.Responses.Select(r => r.LogId).Order(), responses.Select(r => r.LogId));
    }

    [Fact]
    public async Task OneAccount_BouncesAndMessagesWalkedAtOnce_OneRequestInFlightAtATime()
    {
        var emulator = Emulated.Create().AddWorld();
        await using var server = await emulator.StartServerAsync();
        var options = Emulated.Options(server);
        var counter = new InFlightCounter();
        using var http = new HttpClient(counter);
        using var bounceClient = new MailkitClient(http, options);
        using var messageClient = new MailkitClient(http, options);

        var bounces = Emulated.WalkAsync(bounceClient, new RawBouncesRequest { PageSize = 20 });
        var messages = MessagesAsync(messageClient, new RawMessagesRequest { PageSize = 200 });
        await Task.WhenAll(bounces, messages);

        Assert.Equal(emulator.ExpectedRecords(), await bounces);
        Assert.Equal(emulator.World!.Messages.Count(m => !m.Pruned), (await messages).Count);
        Assert.Contains(emulator.Requests, r => r.Function == MailkitFunctionCall.RawBouncesFunction);
        Assert.Contains(emulator.Requests, r => r.Function == MailkitFunctionCall.RawMessagesFunction);
        Assert.Equal(1, counter.MaxInFlight);

        // Two connections: the server may count the next request before the handler of the one just answered on the
        // other connection has returned, though the client sent it only after that answer was read.
        Assert.InRange(emulator.MaxConcurrentRequests, 1, 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unsubscribes_FirstCallThenTheNextRequest_EveryUnsubscriptionOnceThenNothing(bool exclusive)
    {
        var emulator = Emulated.Create().AddWorld();
        emulator.UnsubscribedRangeFromExclusive = exclusive;
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server));

        var first = await client.GetUnsubscribesAsync(new UnsubscribesRequest());
        var second = await client.GetUnsubscribesAsync(first.NextRequest);

        var expected = emulator.World!.Unsubscribes.OrderBy(u => u.UnsubscribedAt).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, first.Records.Count);
        Assert.Equal(expected.Select(u => (u.Email, u.UnsubscribedAt)).Order(), first.Records.Select(r => (r.Email, r.Date!.Value)).Order());
        Assert.Empty(second.Records);
        Assert.Equal(expected[^1].UnsubscribedAt, first.NextRequest.After);
    }

    private static async Task<List<RawMessageRecord>> MessagesAsync(MailkitClient client, RawMessagesRequest request)
    {
        var records = new List<RawMessageRecord>();
        await foreach (var record in client.GetAllRawMessagesAsync(request))
        {
            records.Add(record);
        }

        return records;
    }

    private static async Task<List<RawResponseRecord>> ResponsesAsync(MailkitClient client, RawResponsesRequest request)
    {
        var records = new List<RawResponseRecord>();
        await foreach (var record in client.GetAllRawResponsesAsync(request))
        {
            records.Add(record);
        }

        return records;
    }
}
