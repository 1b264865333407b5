using System.Text;
using System.Text.Json;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

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
