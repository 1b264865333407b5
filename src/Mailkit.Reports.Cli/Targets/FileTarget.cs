using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A file appended page by page. After each page is on disk, a checkpoint beside it (<c>FILE.checkpoint</c>) records the
/// file's length and the ID to continue from; a new run cuts the file back to that length (dropping a page a crash left
/// half written) and continues from that ID, so that no record is written twice or lost.
/// </summary>
internal abstract class FileTarget(string path) : IBounceTarget
{
    private FileStream? _file;
    private string _query = string.Empty;

    public string Description => $"{Kind} {path}";

    protected abstract string Kind { get; }

    private string CheckpointPath => path + ".checkpoint";

    public async Task<long?> OpenAsync(string queryKey, CancellationToken cancellationToken)
    {
        _query = queryKey;
        var existed = File.Exists(path) && new FileInfo(path).Length > 0;
        var checkpoint = File.Exists(CheckpointPath) ? Checkpoint.Parse(await File.ReadAllTextAsync(CheckpointPath, cancellationToken)) : null;
        if (existed && checkpoint is null)
        {
            throw new TargetException($"{path} already exists and has no {Path.GetFileName(CheckpointPath)}: it was not written by mailkit-bounces; choose another --output.");
        }

        if (checkpoint is not null && checkpoint.Query != queryKey)
        {
            throw new TargetException($"{path} holds an export of another query ({checkpoint.Query}); choose another --output.");
        }

        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
        if (checkpoint is null)
        {
            _file.SetLength(0);
            await AppendAsync(Header(), null, CancellationToken.None);
            return null;
        }

        _file.SetLength(Math.Min(checkpoint.Length, _file.Length));
        _file.Position = _file.Length;
        return checkpoint.NextStartId;
    }

    public async Task WritePageAsync(IReadOnlyList<BounceRecord> records, long nextStartId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(records.Count * 400);
        foreach (var record in records)
        {
            AppendLine(text, record);
            text.Append(NewLine);
        }

        await AppendAsync(text.ToString(), nextStartId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    /// <summary>Gets what ends a line.</summary>
    protected virtual string NewLine => "\n";

    protected abstract string Header();

    protected abstract void AppendLine(StringBuilder text, BounceRecord record);

    private async Task AppendAsync(string text, long? nextStartId, CancellationToken cancellationToken)
    {
        await _file!.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await _file.FlushAsync(cancellationToken);
        _file.Flush(flushToDisk: true);
        var temporary = CheckpointPath + ".tmp";
        await File.WriteAllTextAsync(temporary, new Checkpoint(_query, _file.Length, nextStartId).ToString(), cancellationToken);
        File.Move(temporary, CheckpointPath, overwrite: true);
    }

    private sealed record Checkpoint(string Query, long Length, long? NextStartId)
    {
        public static Checkpoint? Parse(string text)
        {
            var parts = text.Trim().Split('\t');
            return parts.Length == 3 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var length)
                ? new Checkpoint(parts[0], length, long.TryParse(parts[2], CultureInfo.InvariantCulture, out var next) ? next : null)
                : null;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Query}\t{Length}\t{NextStartId}\n");
    }
}

/// <summary>A target that cannot be used as given; the message says why.</summary>
internal sealed class TargetException(string message) : Exception(message);

/// <summary>NDJSON: one JSON object per line holding every key as the API returned it, unknown keys included.</summary>
internal sealed class NdjsonTarget(string path) : FileTarget(path)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override string Kind => "NDJSON";

    protected override string Header() => string.Empty;

    protected override void AppendLine(StringBuilder text, BounceRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in RawFields.All(record))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

}

/// <summary>CSV (RFC 4180): a header row, the documented fields in a fixed order, then <c>extra</c> as JSON.</summary>
internal sealed class CsvTarget(string path) : FileTarget(path)
{
    protected override string Kind => "CSV";

    protected override string NewLine => "\r\n";

    protected override string Header() => string.Join(",", RawFields.Columns) + ",extra" + NewLine;

    protected override void AppendLine(StringBuilder text, BounceRecord record)
    {
        var values = RawFields.DocumentedValues(record);
        for (var i = 0; i < values.Length; i++)
        {
            AppendField(text, values[i] ?? string.Empty);
            text.Append(',');
        }

        AppendField(text, RawFields.ExtraJson(record));
    }


    internal static void AppendField(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
