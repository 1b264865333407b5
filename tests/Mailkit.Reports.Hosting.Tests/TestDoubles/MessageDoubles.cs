using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Tests;

/// <summary>
/// Answers <c>mailkit.report.raw.messages</c> over the JSON transport from a list of messages that a test may extend,
/// paging by <c>ID_send_message</c> as Mailkit does; any other function is answered with an empty list.
/// </summary>
internal sealed class MessageServer : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<long> _ids = [];

    public ConcurrentQueue<long?> StartIds { get; } = new();

    public MessageServer Add(long firstId, int count)
    {
        lock (_gate)
        {
            _ids.AddRange(Enumerable.Range(0, count).Select(i => firstId + i));
        }

        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var records = new JsonArray();
        if ((string?)body["function"] == "mailkit.report.raw.messages")
        {
            var parameters = body["parameters"];
            var start = Number(parameters?["ID_send_message"]);
            var limit = Number(parameters?["limit"]) ?? 25_000;
            StartIds.Enqueue(start);
            List<long> page;
            lock (_gate)
            {
                page = [.. _ids.Where(id => id >= (start ?? 0)).Order().Take((int)limit)];
            }

            foreach (var id in page)
            {
                records.Add(new JsonObject
                {
                    ["ID_send_message"] = id.ToString(CultureInfo.InvariantCulture),
                    ["ID_send"] = "7",
                    ["email"] = $"user{id}@example.com",
                });
            }
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(records.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    private static long? Number(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<long>(),
        JsonValueKind.String => long.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
        _ => null,
    };
}

/// <summary>Keeps the raw messages handed over, in order, and the contexts.</summary>
internal sealed class CollectingMessageHandler : IReportHandler<RawMessageRecord, RawMessagesRequest>
{
    public ConcurrentQueue<long> Ids { get; } = new();

    public ConcurrentQueue<ReportSyncContext<RawMessagesRequest>> Contexts { get; } = new();

    public Func<ReportPage<RawMessageRecord, RawMessagesRequest>, Task>? Before { get; set; }

    public async Task HandleAsync(ReportPage<RawMessageRecord, RawMessagesRequest> page, ReportSyncContext<RawMessagesRequest> context, CancellationToken cancellationToken)
    {
        Contexts.Enqueue(context);
        if (Before is { } before)
        {
            await before(page);
        }

        foreach (var record in page.Records)
        {
            Ids.Enqueue(record.SendMessageId);
        }
    }
}

/// <summary>The raw-message handler the sync resolves: a scoped service that forwards to the test's shared <see cref="CollectingMessageHandler"/>.</summary>
internal sealed class ForwardingMessageHandler(CollectingMessageHandler inner) : IReportHandler<RawMessageRecord, RawMessagesRequest>
{
    public Task HandleAsync(ReportPage<RawMessageRecord, RawMessagesRequest> page, ReportSyncContext<RawMessagesRequest> context, CancellationToken cancellationToken) =>
        inner.HandleAsync(page, context, cancellationToken);
}
