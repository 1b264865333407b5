using System.Globalization;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>A record as the API sent it: every documented key with its text, then the keys the SDK does not know.</summary>
internal static class RawFields
{
    /// <summary>The documented keys as snake_case column names, in the order of Mailkit's documentation.</summary>
    public static readonly string[] Columns =
        [.. BounceFieldNames.All.Select(k => k.ToLowerInvariant())];

    public static string?[] DocumentedValues(BounceRecord r) =>
    [
        Id(r.UndeliveredLogId), Id(r.CampaignId), Id(r.SendId), Id(r.SendMessageId), Id(r.RecipientId), Id(r.MailingListId),
        r.Email, r.Status?.Text ?? string.Empty, r.ServerReply, r.RemoteMta, r.RecipientStatusText,
    ];

    public static IEnumerable<KeyValuePair<string, string>> All(BounceRecord r)
    {
        var values = DocumentedValues(r);
        for (var i = 0; i < values.Length; i++)
        {
            yield return new(BounceFieldNames.All[i], values[i] ?? string.Empty);
        }

        foreach (var extra in r.ExtraFields.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return extra;
        }
    }

    /// <summary>The extra fields as one JSON object, keys in ordinal order; <c>{}</c> when there are none.</summary>
    public static string ExtraJson(BounceRecord r, Func<string, string>? text = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var extra in r.ExtraFields.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteString(text is null ? extra.Key : text(extra.Key), text is null ? extra.Value : text(extra.Value));
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
