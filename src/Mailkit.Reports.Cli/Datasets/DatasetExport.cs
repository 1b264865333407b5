using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// One pass over each dataset beside the bounces, each from its own checkpoint, a page (or a campaign) and its checkpoint
/// per transaction:
/// <list type="bullet">
/// <item><c>messages</c> and <c>responses</c> walk the SDK's pages from the stored start ID;</item>
/// <item><c>unsubscribes</c> asks from the newest stored time (Mailkit is asked again from that day, and rows are keyed by
/// address, time and groups, so the overlap adds nothing);</item>
/// <item><c>campaigns</c> lists the campaigns and, campaign by campaign in ID order, stores the campaign, its sends and the
/// bounces of each send, replacing what is stored. Its checkpoint is the next campaign of a pass in progress, so a pass
/// that stops continues where it stopped; a whole pass sets it back to 0, and the next run reads every campaign again,
/// since campaigns, their sends and their counts change.</item>
/// </list>
/// </summary>
internal sealed class DatasetExport(IMailkitClient client, IDatasetStore store, ExportSettings settings, TextWriter error)
{
    /// <summary>Gets how many rows each dataset stored in this process.</summary>
    public Dictionary<ExportDataset, long> Stored { get; } = [];

    /// <summary>The checkpoint key of a dataset other than the bounces: the account, the dataset and the filters.</summary>
    public static string QueryOf(ExportSettings settings, ExportDataset dataset) =>
        $"account={settings.Account};dataset={dataset.Name()};{settings.QueryKey}";

    /// <summary>Exports every chosen dataset but the bounces, once each, in the order of <see cref="ExportSettings.Datasets"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var dataset in settings.Datasets.Where(d => d != ExportDataset.Bounces))
        {
            var before = Stored.GetValueOrDefault(dataset);
            var query = QueryOf(settings, dataset);
            var checkpoint = await store.ReadCheckpointAsync(dataset, query, cancellationToken);
            await (dataset switch
            {
                ExportDataset.Messages => MessagesAsync(query, checkpoint, cancellationToken),
                ExportDataset.Responses => ResponsesAsync(query, checkpoint, cancellationToken),
                ExportDataset.Unsubscribes => UnsubscribesAsync(query, checkpoint, cancellationToken),
                _ => CampaignsAsync(query, checkpoint, cancellationToken),
            });
            var count = Stored.GetValueOrDefault(dataset) - before;
            await error.WriteLineAsync($"{dataset.Name()}: {Counts.Of(count, "row")} from Mailkit, stored in {store.Description}");
        }
    }

    private async Task MessagesAsync(string query, long? start, CancellationToken cancellationToken)
    {
        var request = new RawMessagesRequest { CampaignId = settings.CampaignId, SendId = settings.SendId, StartId = start, PageSize = settings.PageSize };
        await foreach (var page in client.GetRawMessagePagesAsync(request, cancellationToken))
        {
            if (page.Records.Count == 0)
            {
                continue;
            }

            var ids = page.Records.Select(r => r.SendMessageId).ToList();
            var batch = new DatasetBatch([new TableRows(DatasetTables.RawMessages, [.. page.Records.Select(DatasetTables.Row)])], query, Next(page.NextRequest.StartId, ids))
            {
                Dating = BounceDating.Messages,
                First = ids.Min(),
                Last = ids.Max(),
            };
            await WriteAsync(ExportDataset.Messages, batch, cancellationToken);
        }
    }

    private async Task ResponsesAsync(string query, long? start, CancellationToken cancellationToken)
    {
        var request = new RawResponsesRequest { CampaignId = settings.CampaignId, SendId = settings.SendId, StartId = start, PageSize = settings.PageSize };
        await foreach (var page in client.GetRawResponsePagesAsync(request, cancellationToken))
        {
            if (page.Records.Count == 0)
            {
                continue;
            }

            var ids = page.Records.Select(r => r.LogId).ToList();
            var batch = new DatasetBatch([new TableRows(DatasetTables.RawResponses, [.. page.Records.Select(DatasetTables.Row)])], query, Next(page.NextRequest.StartId, ids));
            await WriteAsync(ExportDataset.Responses, batch, cancellationToken);
        }
    }

    private async Task UnsubscribesAsync(string query, long? after, CancellationToken cancellationToken)
    {
        // The checkpoint is the newest stored time in Unix seconds; the rows at it come again and are kept once.
        var request = new UnsubscribesRequest { After = after is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null };
        var page = await client.GetUnsubscribesAsync(request, cancellationToken);
        var rows = page.Records.Select(DatasetTables.Row).OfType<object?[]>().ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var newest = page.NextRequest.After ?? request.After;
        var batch = new DatasetBatch([new TableRows(DatasetTables.Unsubscribes, rows)], query, newest?.ToUnixTimeSeconds() ?? 0);
        await WriteAsync(ExportDataset.Unsubscribes, batch, cancellationToken);
    }

    private async Task CampaignsAsync(string query, long? next, CancellationToken cancellationToken)
    {
        var campaigns = (await client.GetCampaignsAsync(settings.CampaignId, cancellationToken)).OrderBy(c => c.CampaignId).ToList();
        foreach (var campaign in campaigns.Where(c => c.CampaignId >= (next ?? 0)))
        {
            var sends = (await client.GetCampaignSendsAsync(campaign.CampaignId, cancellationToken: cancellationToken))
                .Where(s => settings.SendId is not { } only || s.SendId == only).OrderBy(s => s.SendId).ToList();
            var bounces = new List<object?[]>();
            foreach (var send in sends)
            {
                bounces.AddRange((await client.GetMessageBouncesAsync(send.SendId, cancellationToken)).Select(DatasetTables.Row).OfType<object?[]>());
            }

            var tables = new List<TableRows>
            {
                new(DatasetTables.Campaigns, [DatasetTables.Row(campaign)]),
                new(DatasetTables.CampaignSends, [.. sends.Select(DatasetTables.Row)]),
                new(DatasetTables.MessageBounces, bounces),
            };
            var batch = new DatasetBatch(tables, query, campaign.CampaignId + 1)
            {
                Dating = sends.Count > 0 ? BounceDating.Sends : BounceDating.None,
                First = sends.Count > 0 ? sends[0].SendId : 0,
                Last = sends.Count > 0 ? sends[^1].SendId : 0,
            };
            await WriteAsync(ExportDataset.Campaigns, batch, cancellationToken);
        }

        // The pass is whole: the next one reads every campaign again.
        await store.WriteAsync(ExportDataset.Campaigns, new DatasetBatch([], query, 0), cancellationToken);
    }

    private async Task WriteAsync(ExportDataset dataset, DatasetBatch batch, CancellationToken cancellationToken)
    {
        await store.WriteAsync(dataset, batch, cancellationToken);
        Stored[dataset] = Stored.GetValueOrDefault(dataset) + batch.Count;
    }

    /// <summary>The ID a page's walk continues from: the SDK's, or past the page's last record.</summary>
    private static long Next(long? next, List<long> ids) => next ?? (ids.Max() + 1);
}
