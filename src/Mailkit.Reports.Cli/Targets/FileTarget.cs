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
    private FileWriterLock? _lock;
    private FileStream? _file;
    private string _account = string.Empty;
    private string _query = string.Empty;
    private long? _next;

    public string Description => $"{Kind} {SafeText.Path(path)}";

    public bool Deduplicates => false;

    protected abstract string Kind { get; }

    private string CheckpointPath => path + ".checkpoint";

    private string RejectedPath => path + ".rejected.ndjson";

    public async Task<long?> OpenAsync(string account, string queryKey, BounceEnrichment enrichment, CancellationToken cancellationToken)
    {
        _account = account;
        _query = queryKey;
        _lock = FileWriterLock.Take(path);
        var name = SafeText.Path(path);
        var length = File.Exists(path) ? new FileInfo(path).Length : -1;
        var checkpoint = File.Exists(CheckpointPath) ? FileCheckpoint.Parse(await File.ReadAllTextAsync(CheckpointPath, cancellationToken)) : null;
        if (checkpoint is null && File.Exists(CheckpointPath))
        {
            throw new TargetException(
                $"{name}.checkpoint was not written by this version of mailkit-bounces and does not say which account the file holds; choose another --output.");
        }

        // A file holding the header alone is one a first run was stopped in before its first checkpoint.
        if (length > 0 && checkpoint is null && !await HoldsHeaderOnlyAsync(length, cancellationToken))
        {
            throw new TargetException($"{name} already exists and has no {Path.GetFileName(CheckpointPath)}: it was not written by mailkit-bounces; choose another --output.");
        }

        if (checkpoint is not null)
        {
            if (checkpoint.Account != account)
            {
                throw ExportAccount.Mismatch(name, checkpoint.Account, account);
            }

            if (checkpoint.Query != queryKey)
            {
                throw new TargetException($"{name} holds an export of another query ({SafeText.Line(checkpoint.Query)}); choose another --output.");
            }

            if (length < checkpoint.Length)
            {
                throw new TargetException(
                    $"{name} is shorter than its checkpoint says (deleted or truncated?), so it no longer holds the export; "
                    + $"remove {name}.checkpoint to start afresh, or choose another --output.");
            }
        }

        _file = OwnerOnlyFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        if (checkpoint is null)
        {
            _file.SetLength(0);
            await AppendAsync(Header(), null);
            return null;
        }

        _file.SetLength(checkpoint.Length);
        _file.Position = _file.Length;
        _next = checkpoint.NextStartId;
        return checkpoint.NextStartId;
    }

    public async Task WritePageAsync(IReadOnlyList<ClassifiedBounce> records, long nextStartId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(records.Count * 400);
        foreach (var record in records)
        {
            AppendLine(text, record);
            text.Append(NewLine);
        }

        await AppendAsync(text.ToString(), nextStartId);
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

        await AppendAsync(string.Empty, nextStartId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        _lock?.Dispose();
    }

    /// <summary>Gets what ends a line.</summary>
    protected virtual string NewLine => "\n";

    protected abstract string Header();

    protected abstract void AppendLine(StringBuilder text, ClassifiedBounce bounce);

    private async Task<bool> HoldsHeaderOnlyAsync(long length, CancellationToken cancellationToken)
    {
        var header = Encoding.UTF8.GetBytes(Header());
        if (length != header.Length)
        {
            return false;
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return content.AsSpan().SequenceEqual(header);
    }

    /// <summary>Appends text, puts it on disk, then moves the checkpoint; never cancelled half way.</summary>
    private async Task AppendAsync(string text, long? nextStartId)
    {
        await _file!.WriteAsync(Encoding.UTF8.GetBytes(text), CancellationToken.None);
        await _file.FlushAsync(CancellationToken.None);
        _file.Flush(flushToDisk: true);
        _next = nextStartId ?? _next;
        OwnerOnlyFile.WriteAtomically(CheckpointPath, new FileCheckpoint(_account, _query, _file.Length, _next).ToString());
    }
}
