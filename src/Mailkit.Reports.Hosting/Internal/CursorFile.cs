using System.Text.Json;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>
/// The JSON of a cursor file, version 1: the fields of <see cref="RawBouncesRequest"/>, and the account the cursor
/// belongs to (absent in a file saved without one).
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
    public CursorFileAccount? Account { get; set; }

    public static CursorFile From(RawBouncesRequest request, MailkitAccount? account) => new()
    {
        Version = CurrentVersion,
        StartId = request.StartId,
        CampaignId = request.CampaignId,
        SendId = request.SendId,
        PageSize = request.PageSize,
        Account = account is null ? null : new CursorFileAccount { Endpoint = account.Endpoint.AbsoluteUri, ClientId = account.ClientId },
    };

    /// <summary>Reads a cursor file's bytes; anything but a valid version-1 cursor is a <see cref="CorruptBounceCursorException"/>.</summary>
    public static SavedCursor Parse(string path, byte[] bytes)
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

        var request = new RawBouncesRequest { StartId = file.StartId, CampaignId = file.CampaignId, SendId = file.SendId, PageSize = file.PageSize };
        try
        {
            request.Validate("cursor");
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CorruptBounceCursorException(path, "a value out of range", ex);
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

        return new SavedCursor(request, account);
    }
}
