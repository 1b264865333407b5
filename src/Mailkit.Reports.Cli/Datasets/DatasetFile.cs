using System.Text;
using System.Text.Json;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// One table as a file beside <c>--output</c>, appended a batch at a time with its checkpoint beside it, by the rules of
/// <see cref="CheckpointedFile"/>: the account, the query, the file's length after the last whole batch and the dataset's
/// cursor. A new run cuts the file back to that length, so a batch a crash left half written is dropped. NDJSON holds
/// one object per row, the columns as keys, IDs as numbers and times as <c>yyyy-MM-ddTHH:mm:ssZ</c>
/// (<see langword="null"/> when unknown); CSV a header row and the same columns.
/// </summary>
internal sealed class DatasetFile(string path, DatasetTable table, ExportFormat format, bool csvRaw) : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HashSet<string> _lines = new(StringComparer.Ordinal);
    private readonly CheckpointedFile _file = new(path);
    private FileCheckpoint? _checkpoint;

    public string Path => path;

    /// <summary>Gets a value indicating whether a row is written once however often it comes: a table keyed by its values, not by a growing ID.</summary>
    private bool KeepsRowsOnce => table == DatasetTables.Unsubscribes;

    private string NewLine => format == ExportFormat.Csv ? "\r\n" : "\n";

    /// <summary>Opens the file for an account; throws <see cref="TargetException"/> when it holds another's, or is not this tool's.</summary>
    public async Task OpenAsync(string account, CancellationToken cancellationToken)
    {
        _checkpoint = await _file.OpenAsync(account, query: null, Header(), cancellationToken);
        if (_checkpoint is not null && KeepsRowsOnce)
        {
            _lines.UnionWith(await _file.ReadLinesAsync(cancellationToken));
        }
    }

    /// <summary>The cursor stored for <paramref name="query"/>; throws <see cref="TargetException"/> when the file holds another query.</summary>
    public long? Checkpoint(string query)
    {
        _file.EnsureQuery(_checkpoint, query);
        return _checkpoint?.NextStartId;
    }

    /// <summary>Appends rows, puts them on disk, then moves the checkpoint to <paramref name="next"/>; never cancelled half way.</summary>
    public Task AppendAsync(IReadOnlyList<object?[]> rows, long? next)
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

        return _file.AppendAsync(text.ToString(), next);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

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
