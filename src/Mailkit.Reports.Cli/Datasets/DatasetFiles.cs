using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// The datasets of an NDJSON or CSV export, one file per table beside <c>--output</c>: for <c>out.ndjson</c>,
/// <c>out.messages.ndjson</c>, <c>out.responses.ndjson</c>, <c>out.unsubscribes.ndjson</c>, <c>out.campaigns.ndjson</c>,
/// <c>out.campaign_sends.ndjson</c> and <c>out.message_bounces.ndjson</c>. Files are not joined: a bounce line has no
/// <c>sent_at</c>. Messages and responses are appended once each, by ID; an unsubscription is written once; the
/// campaign files are appended a pass at a time, so a later line for the same key replaces an earlier one.
/// </summary>
internal sealed class DatasetFiles(string output, ExportFormat format, bool csvRaw) : IDatasetStore
{
    private readonly Dictionary<DatasetTable, DatasetFile> _files = [];

    public string Description => $"{(format == ExportFormat.Csv ? "CSV" : "NDJSON")} files beside {SafeText.Path(output)}";

    /// <summary>The file of a table beside <paramref name="output"/>: its name with the table before the extension.</summary>
    public static string PathOf(string output, DatasetTable table)
    {
        var extension = System.IO.Path.GetExtension(output);
        return output[..^extension.Length] + "." + table.FileSuffix + extension;
    }

    public async Task OpenAsync(string account, IReadOnlyList<ExportDataset> datasets, CancellationToken cancellationToken)
    {
        foreach (var table in datasets.SelectMany(TablesOf))
        {
            var file = new DatasetFile(PathOf(output, table), table, format, csvRaw);
            _files[table] = file;
            await file.OpenAsync(account, cancellationToken);
        }
    }

    public Task<long?> ReadCheckpointAsync(ExportDataset dataset, string query, CancellationToken cancellationToken) =>
        Task.FromResult(_files[TablesOf(dataset)[0]].Checkpoint(query));

    public async Task WriteAsync(ExportDataset dataset, DatasetBatch batch, CancellationToken cancellationToken)
    {
        // The dataset's first table holds its checkpoint, so it is written last: a batch cut short is written again.
        var tables = TablesOf(dataset);
        foreach (var table in tables.Skip(1))
        {
            await _files[table].AppendAsync(batch.Tables.FirstOrDefault(t => t.Table == table)?.Rows ?? [], null);
        }

        var first = _files[tables[0]];
        first.Checkpoint(batch.Query);
        await first.AppendAsync(batch.Tables.FirstOrDefault(t => t.Table == tables[0])?.Rows ?? [], batch.Next);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values)
        {
            await file.DisposeAsync();
        }
    }

    private static IReadOnlyList<DatasetTable> TablesOf(ExportDataset dataset) => dataset switch
    {
        ExportDataset.Messages => [DatasetTables.RawMessages],
        ExportDataset.Responses => [DatasetTables.RawResponses],
        ExportDataset.Unsubscribes => [DatasetTables.Unsubscribes],
        ExportDataset.Campaigns => [DatasetTables.Campaigns, DatasetTables.CampaignSends, DatasetTables.MessageBounces],
        _ => [],
    };
}
