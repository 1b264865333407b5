using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>
/// Writes answers as <c>json.fcgi</c> does: an array of objects (raw bounces with every value a string, the world's reports
/// typed by each key's <see cref="WireKind"/>), <c>{}</c> or <c>[]</c> for no record, errors in the body.
/// </summary>
internal static class JsonResponseWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Writes a page; with <paramref name="idsAsNumbers"/>, non-empty <c>ID_*</c> values are written as JSON numbers (a quirk).</summary>
    public static byte[] Page(IReadOnlyList<EmulatedBounce> page, bool idsAsNumbers)
    {
        if (page.Count == 0)
        {
            return "{}"u8.ToArray();
        }

        using var stream = new MemoryStream(page.Count * 512);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var bounce in page)
            {
                writer.WriteStartObject();
                foreach (var (key, value) in bounce.Fields)
                {
                    if (idsAsNumbers && key.StartsWith("ID_", StringComparison.Ordinal) && value.Length > 0)
                    {
                        writer.WriteNumber(key, long.Parse(value, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        writer.WriteString(key, value);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Writes the records of a report, each value typed by the kind <paramref name="kindOf"/> gives its key; no record is
    /// <c>{}</c> when <paramref name="emptyAsObject"/>, else <c>[]</c>.
    /// </summary>
    public static byte[] Records(IReadOnlyList<EmulatedRecord> records, Func<string, WireKind> kindOf, WireStyle style, bool emptyAsObject)
    {
        if (records.Count == 0)
        {
            return emptyAsObject ? "{}"u8.ToArray() : "[]"u8.ToArray();
        }

        using var stream = new MemoryStream(records.Count * 512);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var record in records)
            {
                writer.WriteStartObject();
                foreach (var (key, value) in record.Fields)
                {
                    WriteValue(writer, key, value, kindOf(key), style);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    /// <summary>Writes Mailkit's error object, <c>{"error_status":1,"error":"…"}</c>.</summary>
    public static byte[] Error(string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("error_status", 1);
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, string value, WireKind kind, WireStyle style)
    {
        switch (kind)
        {
            case WireKind.TextId or WireKind.TextCount when style.NumbersAsJsonNumbers && value.Length > 0:
            case WireKind.Number when !style.NumbersAsJsonStrings && value.Length > 0:
                writer.WriteNumber(key, long.Parse(value, CultureInfo.InvariantCulture));
                break;
            case WireKind.Boolean:
                writer.WriteBoolean(key, value == "true");
                break;
            case WireKind.NumberList:
                writer.WriteStartArray(key);
                foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (style.NumbersAsJsonStrings)
                    {
                        writer.WriteStringValue(item);
                    }
                    else
                    {
                        writer.WriteNumberValue(long.Parse(item, CultureInfo.InvariantCulture));
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteString(key, value);
                break;
        }
    }
}
