using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>
/// Exactly once and resumable, for every report paged by record ID, over a loopback socket: pages, bodies cut short,
/// a walk that fails for good and is continued, and a server that reads the start as exclusive.
/// </summary>
public class ReportWalkTests
{
    public enum Report
    {
        RawMessages,
        RawResponses,
    }

    public static TheoryData<Report, MailkitTransportKind> Cases()
    {
        var data = new TheoryData<Report, MailkitTransportKind>();
        foreach (var report in Enum.GetValues<Report>())
        {
            data.Add(report, MailkitTransportKind.Json);
            data.Add(report, MailkitTransportKind.XmlRpc);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Walk_ManyPages_EveryRecordOnceInOrder(Report report, MailkitTransportKind transport)
    {
        await using var server = Server(report, transport, Ids(1_000));
        using var client = Client(server, transport);

        var records = await WalkAsync(client, report, startId: null, pageSize: 100);

        Assert.Equal(server.Ids, records);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Pages_ManyPages_EachNextRequestStartsAfterItsPage(Report report, MailkitTransportKind transport)
    {
        await using var server = Server(report, transport, Ids(250));
        using var client = Client(server, transport);

        var pages = await PagesAsync(client, report, pageSize: 100);

        // The second page also brings the record just below the cursor, which proves the server inclusive: it is not repeated.
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.NotEmpty(p.Ids));
        Assert.Equal(server.Ids, pages.SelectMany(p => p.Ids));
        Assert.All(pages, p => Assert.Equal(p.Ids[^1] + 1, p.NextStartId));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Walk_BodiesCutShortMidway_ResumesWithNoRecordLostOrDoubled(Report report, MailkitTransportKind transport)
    {
        await using var server = Server(report, transport, Ids(1_000));
        server.CutShort.UnionWith([2, 3, 6, 9]);
        using var client = Client(server, transport);

        var records = await WalkAsync(client, report, startId: null, pageSize: 150);

        Assert.Equal(server.Ids, records);
        Assert.True(server.Starts.Count > 8, $"{server.Starts.Count} requests");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Walk_FailsForGood_ResumeRequestContinuesExactly(Report report, MailkitTransportKind transport)
    {
        await using var server = Server(report, transport, Ids(700));
        server.CutShort.Add(3);
        var options = Options(server, transport);
        options.Retry.MaxRetryAttempts = 0;
        using var client = new MailkitClient(new HttpClient(), options);
        var first = new List<long>();

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(() => CollectAsync(client, report, null, 100, first));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.ResumeRequest);
        long? resumeFrom = report == Report.RawMessages
            ? ex.GetResumeRequest<RawMessagesRequest>()!.StartId
            : ex.GetResumeRequest<RawResponsesRequest>()!.StartId;
        Assert.Equal(first[^1] + 1, resumeFrom);
        Assert.InRange(first.Count, 200, 299);
        var rest = await WalkAsync(client, report, resumeFrom, 100);
        Assert.Equal(server.Ids, first.Concat(rest));
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task Walk_FailsForGood_ResumeRequestKeepsTheFilters()
    {
        await using var server = Server(Report.RawResponses, MailkitTransportKind.Json, Ids(300));
        server.CutShort.Add(2);
        var options = Options(server, MailkitTransportKind.Json);
        options.Retry.MaxRetryAttempts = 0;
        using var client = new MailkitClient(new HttpClient(), options);
        var request = new RawResponsesRequest { CampaignId = 7, SendId = 8, SendMessageId = 9, PageSize = 100 };

        var ex = await Assert.ThrowsAnyAsync<MailkitException>(async () =>
        {
            await foreach (var unused in client.GetAllRawResponsesAsync(request))
            {
            }
        });

        var resume = ex.GetResumeRequest<RawResponsesRequest>();
        Assert.NotNull(resume);
        Assert.Equal(request with { StartId = resume.StartId }, resume);
        Assert.Null(ex.GetResumeRequest<RawMessagesRequest>());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Walk_ExclusiveStartServer_NothingLostOrDoubled(Report report, MailkitTransportKind transport)
    {
        await using var server = Server(report, transport, Ids(500));
        server.ExclusiveStart = true;
        using var client = Client(server, transport);

        var fromStart = await WalkAsync(client, report, startId: null, pageSize: 100);
        var fromMiddle = await WalkAsync(client, report, startId: server.Ids.ElementAt(250), pageSize: 100);

        Assert.Equal(server.Ids, fromStart);
        Assert.Equal(server.Ids.Skip(250), fromMiddle);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Issue", "25")]
    public async Task Walk_SparseIdsBeyond32Bits_EveryRecordOnce(Report report, MailkitTransportKind transport)
    {
        var ids = Enumerable.Range(0, 300).Select(i => 4_000_000_000L + (i * 7L) + (i % 3)).ToList();
        await using var server = Server(report, transport, ids);
        using var client = Client(server, transport);

        var records = await WalkAsync(client, report, startId: ids[0], pageSize: 64);

        Assert.Equal(ids, records);
    }

    private static IEnumerable<long> Ids(int count) => Enumerable.Range(0, count).Select(i => 1_000_000L + (i * 3L));

    private static PagedReportServer Server(Report report, MailkitTransportKind transport, IEnumerable<long> ids) =>
        new(report == Report.RawMessages ? "ID_send_message" : "ID_log", ids, transport == MailkitTransportKind.XmlRpc);

    private static MailkitClientOptions Options(PagedReportServer server, MailkitTransportKind transport)
    {
        var options = TestSupport.Options(server.Endpoint.ToString());
        options.Transport = transport;
        return options;
    }

    private static MailkitClient Client(PagedReportServer server, MailkitTransportKind transport) =>
        new(new HttpClient(), Options(server, transport));

    private static async Task<List<long>> WalkAsync(MailkitClient client, Report report, long? startId, int pageSize)
    {
        var ids = new List<long>();
        await CollectAsync(client, report, startId, pageSize, ids);
        return ids;
    }

    private static async Task CollectAsync(MailkitClient client, Report report, long? startId, int pageSize, List<long> into)
    {
        if (report == Report.RawMessages)
        {
            await foreach (var record in client.GetAllRawMessagesAsync(new RawMessagesRequest { StartId = startId, PageSize = pageSize }))
            {
                into.Add(record.SendMessageId);
            }
        }
        else
        {
            await foreach (var record in client.GetAllRawResponsesAsync(new RawResponsesRequest { StartId = startId, PageSize = pageSize }))
            {
                into.Add(record.LogId);
            }
        }
    }

    private static async Task<List<(List<long> Ids, long? NextStartId)>> PagesAsync(MailkitClient client, Report report, int pageSize)
    {
        var pages = new List<(List<long>, long?)>();
        if (report == Report.RawMessages)
        {
            await foreach (var page in client.GetRawMessagePagesAsync(new RawMessagesRequest { PageSize = pageSize }))
            {
                pages.Add(([.. page.Records.Select(r => r.SendMessageId)], page.NextRequest.StartId));
            }
        }
        else
        {
            await foreach (var page in client.GetRawResponsePagesAsync(new RawResponsesRequest { PageSize = pageSize }))
            {
                pages.Add(([.. page.Records.Select(r => r.LogId)], page.NextRequest.StartId));
            }
        }

        return pages;
    }
}
