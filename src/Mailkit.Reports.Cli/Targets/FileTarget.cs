using System.Text;
using System.Text.Json;
using Mailkit.Reports.Cli.Enrichment;
using Mailkit.Reports.Storage;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A file appended page by page. After each page is on disk, a checkpoint beside it (<c>FILE.checkpoint</c>) records the
/// account, the query, the file's length and the ID to continue from; a new run cuts the file back to that length
/// (dropping a page a crash left half written) and continues from that ID, so that no record is written twice or lost.
/// A file shorter than its checkpoint says (deleted or truncated) is refused. Records set aside with
/// <c>--skip-invalid</c> go to <c>FILE.rejected.ndjson</c>. One export at a time writes a file: each holds its
/// <see cref="FileWriterLock"/> from before it reads anything until it ends.
/// </summary>
internal abstract class FileTarget(string path) : IBounceStore
{
    private readonly CheckpointedFile _file = new(path);

    public string Description => $"{Kind} {SafeText.Path(path)}";

    public bool Deduplicates => false;

    protected abstract string Kind { get; }

    private string RejectedPath => path + ".rejected.ndjson";

    public async Task<long?> OpenAsync(string account, string queryKey, BounceEnrichment enrichment, CancellationToken cancellationToken) =>
        (await _file.OpenAsync(account, queryKey, Header(), cancellationToken))?.NextStartId;

    public async Task WritePageAsync(IReadOnlyList<ClassifiedBounce> records, long nextStartId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(records.Count * 400);
        foreach (var record in records)
        {
            AppendLine(text, record);
            text.Append(NewLine);
        }

        await _file.AppendAsync(text.ToString(), nextStartId);
    }

    public async Task RejectAsync(RejectedRecord rejected, long? nextStartId, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("ID_UNDELIVERED_LOG", rejected.UndeliveredLogId);
            writer.WriteString("record", rejected.RecordText);
            writer.WriteString("reason", rejected.Reason);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await using (var file = OwnerOnlyFile.Open(RejectedPath, FileMode.Append, FileAccess.Write))
        {
            await file.WriteAsync(buffer.ToArray(), CancellationToken.None);
            file.Flush(flushToDisk: true);
        }

        await _file.AppendAsync(string.Empty, nextStartId);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    /// <summary>Gets what ends a line.</summary>
    protected virtual string NewLine => "\n";

    protected abstract string Header();

    protected abstract void AppendLine(StringBuilder text, ClassifiedBounce bounce);
}
