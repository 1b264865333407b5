using System.Globalization;
using Mailkit.Reports.Models;
using static Mailkit.Reports.Cli.Datasets.ColumnKind;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// The tables of the datasets beside <c>raw_bounces</c>, and how a record becomes a row: the column names are the API's
/// keys in lower case, each table is keyed by its Mailkit ID, and times are UTC instants (NULL when Mailkit's text is
/// empty or not a time). A row's values are, by <see cref="ColumnKind"/>: <see cref="long"/>?, <see cref="string"/>,
/// <see cref="DateTimeOffset"/>? and, for <see cref="ColumnKind.Json"/>, the list of keys and values.
/// </summary>
internal static class DatasetTables
{
    public static readonly DatasetTable RawMessages = new(
        "raw_messages",
        [
            new("id_send_message", Integer), new("id_message", Integer), new("id_send", Integer), new("id_user_list", Integer),
            new("id_email", Integer), new("id_template", Integer), new("type_message", Text, true), new("email", Text, true),
            new("email_date", Time), new("message_date", Time), new("date_sent", Time), new("ab_version", Text, true),
            new("message_status", Text, true), new("tld", Text, true), new("domain", Text, true), new("extra", Json, true),
        ],
        ["id_send_message"],
        Replaces: false);

    public static readonly DatasetTable RawResponses = new(
        "raw_responses",
        [
            new("id_log", Integer), new("id_send_message", Integer), new("id_message", Integer), new("id_send", Integer),
            new("id_email", Integer), new("id_user_list", Integer), new("date", Time), new("type", Text, true), new("email", Text, true),
            new("domain", Text, true), new("tld", Text, true), new("id_url", Integer), new("link_url", Text, true), new("extra", Json, true),
        ],
        ["id_log"],
        Replaces: false);

    public static readonly DatasetTable Unsubscribes = new(
        "unsubscribes",
        [new("email", Text, true), new("date", Time, true), new("id_unsubscribe_group", Text, true)],
        ["email", "date", "id_unsubscribe_group"],
        Replaces: false);

    public static readonly DatasetTable Campaigns = new(
        "campaigns",
        [
            new("id_message", Integer), new("name", Text, true), new("subject", Text, true), new("status", Text, true),
            new("send_date", Time), new("last_sent", Time), new("time_zone", Text, true), new("extra", Json, true),
        ],
        ["id_message"],
        Replaces: true);

    public static readonly DatasetTable CampaignSends = new(
        "campaign_sends",
        [
            new("id_send", Integer), new("id_message", Integer, true), new("date", Time), new("send_count", Integer),
            new("delivered_count", Integer), new("read_count", Integer),
        ],
        ["id_send"],
        Replaces: true);

    public static readonly DatasetTable MessageBounces = new(
        "message_bounces",
        [
            new("id_send", Integer, true), new("id_send_message", Integer, true), new("email", Text, true), new("date", Time),
            new("status", Text, true), new("email_status", Text, true),
        ],
        ["id_send", "id_send_message"],
        Replaces: true);

    /// <summary>Gets every table, in the order they are created.</summary>
    public static IReadOnlyList<DatasetTable> All { get; } = [RawMessages, RawResponses, Unsubscribes, Campaigns, CampaignSends, MessageBounces];

    public static object?[] Row(RawMessageRecord r) =>
    [
        r.SendMessageId, r.CampaignId, r.SendId, r.MailingListId, r.RecipientId, r.TemplateId, r.MessageType, r.Email,
        r.EmailDate, r.MessageDate, r.DateSent, r.AbVersion, r.MessageStatus, r.Tld, r.Domain, Extra(r.ExtraFields),
    ];

    public static object?[] Row(RawResponseRecord r) =>
    [
        r.LogId, r.SendMessageId, r.CampaignId, r.SendId, r.RecipientId, r.MailingListId, r.Date, r.ResponseType, r.Email,
        r.Domain, r.Tld, r.UrlId, r.LinkUrl, Extra(r.ExtraFields, ("ab_version", r.AbVersion)),
    ];

    /// <summary>An unsubscription's row; <see langword="null"/> for one whose time cannot be read, as its key needs one.</summary>
    public static object?[]? Row(UnsubscribeRecord r) => r.Date is { } date ? [r.Email, date, r.UnsubscribeGroups] : null;

    public static object?[] Row(CampaignRecord r) =>
    [
        r.CampaignId, r.Name, r.Subject, r.CampaignStatus, r.SendDate, r.LastSent, r.TimeZone,
        Extra(
            r.ExtraFields,
            ("msg_type", r.MessageType),
            ("campaign_type", r.CampaignType),
            ("user_list", string.Join(",", r.MailingListIds.Select(id => id.ToString(CultureInfo.InvariantCulture))))),
    ];

    public static object?[] Row(CampaignSendRecord r) => [r.SendId, r.CampaignId, r.Date, r.SendCount, r.DeliveredCount, r.ReadCount];

    /// <summary>A message bounce's row; <see langword="null"/> for one without <c>ID_SEND_MESSAGE</c>, which is half its key.</summary>
    public static object?[]? Row(MessageBounceRecord r) =>
        r.SendMessageId is { } id ? [r.SendId, id, r.Email, r.Date, r.Status?.Text ?? string.Empty, r.EmailStatus] : null;

    /// <summary>A time as SQLite and the text files hold it: UTC, to the second, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string TimeText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The keys the SDK does not know, then the typed values kept in <c>extra</c>, in ordinal order of the key.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Extra(IReadOnlyDictionary<string, string> unknown, params (string Key, string Value)[] kept) =>
        [.. unknown.Concat(kept.Select(k => KeyValuePair.Create(k.Key, k.Value))).OrderBy(p => p.Key, StringComparer.Ordinal)];
}
