using System.Text.Json;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// The JSON of a cursor file, version 1: the fields of the report's request, the account the cursor belongs to (absent
/// in a file saved without one) and the report (absent for raw bounces, so that a bounce cursor file reads as it always has).
/// </summary>
internal sealed class CursorFile
{
    public const int CurrentVersion = 1;

    public int Version { get; set; }

    public long? StartId { get; set; }

    public long? CampaignId { get; set; }

    public long? SendId { get; set; }

    public int PageSize { get; set; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? SendMessageId { get; set; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Report { get; set; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CursorFileAccount? Account { get; set; }

    public static CursorFile From(RawBouncesRequest request, MailkitAccount? account) => new()
    {
        Version = CurrentVersion,
        StartId = request.StartId,
        CampaignId = request.CampaignId,
        SendId = request.SendId,
        PageSize = request.PageSize,
        Account = AccountOf(account),
    };

    /// <summary>The file of a cursor of a report other than raw bounces, which names its report.</summary>
    public static CursorFile From(string report, long? startId, long? campaignId, long? sendId, long? sendMessageId, int pageSize, MailkitAccount account) => new()
    {
        Version = CurrentVersion,
        Report = report,
        StartId = startId,
        CampaignId = campaignId,
        SendId = sendId,
        SendMessageId = sendMessageId,
        PageSize = pageSize,
        Account = AccountOf(account),
    };

    public RawMessagesRequest ToRawMessagesRequest() => new() { StartId = StartId, CampaignId = CampaignId, SendId = SendId, PageSize = PageSize };

    public RawResponsesRequest ToRawResponsesRequest() =>
        new() { StartId = StartId, CampaignId = CampaignId, SendId = SendId, SendMessageId = SendMessageId, PageSize = PageSize };

    /// <summary>Reads a raw-bounce cursor file's bytes; anything but a valid version-1 bounce cursor is a <see cref="CorruptBounceCursorException"/>.</summary>
    public static SavedCursor Parse(string path, byte[] bytes)
    {
        var (file, account) = ParseFile(path, bytes);
        if (file.Report is { } report)
        {
            throw new CorruptBounceCursorException(path, $"the cursor of {report}, not of raw bounces", null);
        }

        if (file.SendMessageId is not null)
        {
            throw new CorruptBounceCursorException(path, "a message filter, which raw bounces do not have", null);
        }

        var request = new RawBouncesRequest { StartId = file.StartId, CampaignId = file.CampaignId, SendId = file.SendId, PageSize = file.PageSize };
        Validate(path, () => request.Validate("cursor"));
        return new SavedCursor(request, account);
    }

    /// <summary>Checks a cursor read from a file: a value out of range is a <see cref="CorruptBounceCursorException"/>.</summary>
    public static void Validate(string path, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CorruptBounceCursorException(path, "a value out of range", ex);
        }
    }

    /// <summary>Reads a cursor file's bytes as JSON of version 1 with a valid account, if it names one.</summary>
    public static ParsedCursorFile ParseFile(string path, byte[] bytes)
    {
        CursorFile? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, CursorFileJsonContext.Default.CursorFile);
        }
        catch (JsonException ex)
        {
            throw new CorruptBounceCursorException(path, "not valid JSON", ex);
        }

        if (file is null)
        {
            throw new CorruptBounceCursorException(path, "empty", null);
        }

        if (file.Version != CurrentVersion)
        {
            throw new CorruptBounceCursorException(path, $"version {file.Version}, expected {CurrentVersion}", null);
        }

        MailkitAccount? account = null;
        if (file.Account is { } saved)
        {
            if (saved.Endpoint is null
                || !Uri.TryCreate(saved.Endpoint, UriKind.Absolute, out var endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                throw new CorruptBounceCursorException(path, "an account without an http or https endpoint", null);
            }

            account = new MailkitAccount(endpoint, saved.ClientId);
        }

        return new ParsedCursorFile(file, account);
    }

    private static CursorFileAccount? AccountOf(MailkitAccount? account) =>
        account is null ? null : new CursorFileAccount { Endpoint = account.Endpoint.AbsoluteUri, ClientId = account.ClientId };
}
