using System.Text;
using System.Text.Json;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Storage;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// One table as a file beside <c>--output</c>, appended a batch at a time with a checkpoint beside it
/// (<c>FILE.checkpoint</c>, as <see cref="FileTarget"/> keeps one): the account, the query, the file's length after the last
/// whole batch and the dataset's cursor. A new run cuts the file back to that length, so a batch a crash left half
/// written is dropped. NDJSON holds one object per row, the columns as keys, IDs as numbers and times as
/// <c>yyyy-MM-ddTHH:mm:ssZ</c> (<see langword="null"/> when unknown); CSV a header row and the same columns.
/// </summary>
internal sealed class DatasetFile(string path, DatasetTable table, ExportFormat format, bool csvRaw) : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HashSet<string> _lines = new(StringComparer.Ordinal);
    private FileWriterLock? _lock;
    private FileStream? _file;
    private FileCheckpoint? _checkpoint;
    private string _account = string.Empty;

    public string Path => path;

    /// <summary>Gets a value indicating whether a row is written once however often it comes: a table keyed by its values, not by a growing ID.</summary>
    private bool KeepsRowsOnce => table == DatasetTables.Unsubscribes;

    private string CheckpointPath => path + ".checkpoint";

    private string NewLine => format == ExportFormat.Csv ? "\r\n" : "\n";

    /// <summary>Opens the file for an account; throws <see cref="TargetException"/> when it holds another's, or is not this tool's.</summary>
    public async Task OpenAsync(string account, CancellationToken cancellationToken)
    {
        _account = account;
        _lock = FileWriterLock.Take(path);
        var name = SafeText.Path(path);
        var length = File.Exists(path) ? new FileInfo(path).Length : -1;
        _checkpoint = File.Exists(CheckpointPath) ? FileCheckpoint.Parse(await File.ReadAllTextAsync(CheckpointPath, cancellationToken)) : null;
        if (_checkpoint is null && (File.Exists(CheckpointPath) || (length > 0 && length != Encoding.UTF8.GetByteCount(Header()))))
        {
            throw new TargetException($"{name} already exists and has no checkpoint this version of mailkit-bounces wrote; choose another --output.");
        }

        if (_checkpoint is not null && _checkpoint.Account != account)
        {
            throw ExportAccount.Mismatch(name, _checkpoint.Account, account);
        }

        if (_checkpoint is not null && length < _checkpoint.Length)
        {
            throw new TargetException($"{name} is shorter than its checkpoint says (deleted or truncated?); remove {name}.checkpoint to start afresh, or choose another --output.");
        }

        _file = OwnerOnlyFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        if (_checkpoint is null)
        {
            _file.SetLength(0);
            await AppendAsync(Header(), string.Empty, null);
            return;
        }

        _file.SetLength(_checkpoint.Length);
        _file.Position = _file.Length;
        if (KeepsRowsOnce)
        {
            _file.Position = 0;
            using var reader = new StreamReader(_file, Encoding.UTF8, false, 4096, leaveOpen: true);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                _lines.Add(line);
            }

            _file.Position = _file.Length;
        }
    }

    /// <summary>The cursor stored for <paramref name="query"/>; throws <see cref="TargetException"/> when the file holds another query.</summary>
    public long? Checkpoint(string query)
    {
        if (_checkpoint is { } stored && stored.Query != query && stored.Query.Length > 0)
        {
            throw new TargetException($"{SafeText.Path(path)} holds an export of another query ({SafeText.Line(stored.Query)}); choose another --output.");
        }

        return _checkpoint?.NextStartId;
    }

    /// <summary>Appends rows, puts them on disk, then moves the checkpoint; never cancelled half way.</summary>
    public Task AppendAsync(IReadOnlyList<object?[]> rows, string query, long? next)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = Line(row);
            if (!KeepsRowsOnce || _lines.Add(line))
            {
                text.Append(line).Append(NewLine);
            }
        }

        return AppendAsync(text.ToString(), query, next);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        _lock?.Dispose();
    }

    private async Task AppendAsync(string text, string query, long? next)
    {
        await _file!.WriteAsync(Encoding.UTF8.GetBytes(text), CancellationToken.None);
        await _file.FlushAsync(CancellationToken.None);
        _file.Flush(flushToDisk: true);
        _checkpoint = new FileCheckpoint(_account, query.Length > 0 ? query : _checkpoint?.Query ?? string.Empty, _file.Length, next ?? _checkpoint?.NextStartId);
        OwnerOnlyFile.WriteAtomically(CheckpointPath, _checkpoint.ToString());
    }

    private string Header() => format == ExportFormat.Csv ? string.Join(",", table.Columns.Select(c => c.Name)) + NewLine : string.Empty;

    private string Line(object?[] row)
    {
        if (format == ExportFormat.Csv)
        {
            var text = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                var value = row[i] switch
                {
                    null => string.Empty,
                    long id => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    DateTimeOffset time => DatasetTables.TimeText(time),
                    string s => csvRaw ? s : CsvTarget.Neutralise(s),
                    IEnumerable<KeyValuePair<string, string>> fields => RawFields.JsonObject(fields),
                    var other => other.ToString() ?? string.Empty,
                };
                CsvTarget.AppendField(text, value);
            }

            return text.ToString();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                writer.WritePropertyName(table.Columns[i].Name);
                switch (row[i])
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case long id:
                        writer.WriteNumberValue(id);
                        break;
                    case DateTimeOffset time:
                        writer.WriteStringValue(DatasetTables.TimeText(time));
                        break;
                    case IEnumerable<KeyValuePair<string, string>> fields:
                        writer.WriteStartObject();
                        foreach (var (key, value) in fields)
                        {
                            writer.WriteString(key, value);
                        }

                        writer.WriteEndObject();
                        break;
                    case var other:
                        writer.WriteStringValue(other.ToString());
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
