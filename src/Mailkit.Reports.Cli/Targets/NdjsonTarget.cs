using System.Text;
using System.Text.Json;
using Mailkit.Reports.Cli.Enrichment;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// NDJSON: one JSON object per line holding every key as the API returned it, unknown keys included, then the
/// classifier's verdict under the lower-case keys <c>reason</c>, <c>hard_bounce</c> (<c>"true"</c> or <c>"false"</c>)
/// and <c>advice</c>.
/// </summary>
internal sealed class NdjsonTarget(string path) : FileTarget(path)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override string Kind => "NDJSON";

    protected override string Header() => string.Empty;

    protected override void AppendLine(StringBuilder text, ClassifiedBounce bounce)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in RawFields.All(bounce.Record))
            {
                writer.WriteString(key, value);
            }

            // Lower-case keys, so that they never meet Mailkit's, which are upper case; strings like every other value.
            var verdict = Verdict.Of(bounce.Classification);
            writer.WriteString(Verdict.ReasonColumn, verdict.Reason);
            writer.WriteString(Verdict.HardBounceColumn, verdict.HardBounceText);
            writer.WriteString(Verdict.AdviceColumn, verdict.Advice);

            writer.WriteEndObject();
        }

        text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
