using System.Globalization;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>A record as the API sent it: every documented key with its text, then the keys the SDK does not know.</summary>
internal static class RawFields
{
    /// <summary>The documented keys of the IDs as snake_case column names, in the order of <see cref="BounceRow.Ids"/>.</summary>
    public static readonly string[] IdColumns = [.. BounceRow.IdFields.Select(Column)];

    /// <summary>The documented keys of the texts as snake_case column names, in the order of <see cref="BounceRow.Texts"/>.</summary>
    public static readonly string[] TextColumns = [.. BounceRow.TextFields.Select(Column)];

    /// <summary>The documented keys as snake_case column names, in the order of Mailkit's documentation: the IDs, then the texts.</summary>
    public static readonly string[] Columns = [.. IdColumns, .. TextColumns];

    /// <summary>The documented keys in the order of <see cref="Columns"/>.</summary>
    private static readonly string[] Keys = [.. BounceRow.IdFields, .. BounceRow.TextFields];

    /// <summary>Every documented value as text, in the order of <see cref="Columns"/>; an absent ID is empty.</summary>
    public static string[] DocumentedValues(BounceRecord r)
    {
        var row = BounceRow.Of(r);
        return [.. row.Ids.Select(Id), .. row.Texts];
    }

    public static IEnumerable<KeyValuePair<string, string>> All(BounceRecord r)
    {
        var values = DocumentedValues(r);
        for (var i = 0; i < values.Length; i++)
        {
            yield return new(Keys[i], values[i]);
        }

        foreach (var extra in r.ExtraFields.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return extra;
        }
    }

    /// <summary>The extra fields as one JSON object, keys in ordinal order; <c>{}</c> when there are none.</summary>
    public static string ExtraJson(BounceRecord r, Func<string, string>? text = null) =>
        JsonObject(r.ExtraFields.OrderBy(e => e.Key, StringComparer.Ordinal), text);

    /// <summary>Keys and texts as one JSON object, in the order given, each key and value first passed through <paramref name="text"/>.</summary>
    public static string JsonObject(IEnumerable<KeyValuePair<string, string>> fields, Func<string, string>? text = null)
    {
        using var buffer = new MemoryStream();
        var relaxed = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, relaxed))
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                writer.WriteString(text is null ? field.Key : text(field.Key), text is null ? field.Value : text(field.Value));
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Column(string key) => key.ToLowerInvariant();

    private static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
