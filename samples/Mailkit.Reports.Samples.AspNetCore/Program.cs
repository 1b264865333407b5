// Serves the raw bounces of a campaign as NDJSON, streamed from Mailkit as they arrive.
// The credentials come from configuration: set Mailkit__ClientId and Mailkit__ClientMd5 in the environment
// (or user secrets); the app refuses to start without valid ones.
//
// Before you copy it into a real app: this endpoint serves recipient addresses (personal data) to anyone who can
// reach it, and every request starts a walk that spends the account's rate limit. Put it behind authorization
// (RequireAuthorization) and a rate limit of your own. Failures are answered with the exception's type and the ID to
// resume from, never its message, which may quote the upstream response; the message goes to the log.
using System.Text.Json;
using System.Text.Json.Serialization;
using Mailkit.Reports;
using Mailkit.Reports.Models;

// <Endpoint>
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddMailkitClient(builder.Configuration.GetSection("Mailkit"));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));

var app = builder.Build();

app.MapGet("/campaigns/{campaignId:long}/bounces", async (long campaignId, long? startId, IMailkitClient mailkit, HttpResponse response, ILogger<Program> logger, CancellationToken cancellationToken) =>
{
    var bounces = mailkit.GetAllRawBouncesAsync(new RawBouncesRequest { CampaignId = campaignId, StartId = startId }, cancellationToken);
    await using var records = bounces.GetAsyncEnumerator(cancellationToken);
    bool any;
    try
    {
        any = await records.MoveNextAsync();
    }
    catch (MailkitException ex)
    {
        // Nothing was sent yet, so the failure can still be an HTTP status.
        SampleLog.BouncesFailed(logger, ex, campaignId);
        response.StatusCode = ex is MailkitAuthenticationException or MailkitIpNotAllowedException ? 502 : 503;
        await response.WriteAsJsonAsync(new BounceError(ex.GetType().Name, ex.ResumeStartId), SampleJsonContext.Default.BounceError, cancellationToken: cancellationToken);
        return;
    }

    response.ContentType = "application/x-ndjson; charset=utf-8";
    while (any)
    {
        await JsonSerializer.SerializeAsync(response.Body, BounceLine.From(records.Current), SampleJsonContext.Default.BounceLine, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        any = await records.MoveNextAsync();
    }
});

app.Run();
// </Endpoint>

/// <summary>One line of the NDJSON output.</summary>
internal sealed record BounceLine(long Id, long? CampaignId, long? SendId, string Email, string? Status, string RecipientStatus, string ServerReply, IReadOnlyDictionary<string, string> Extra)
{
    public static BounceLine From(BounceRecord r) =>
        new(r.UndeliveredLogId, r.CampaignId, r.SendId, r.Email, r.Status?.Text, r.RecipientStatusText, r.ServerReply, r.ExtraFields);
}

/// <summary>The sample's log messages.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the bounces of campaign {CampaignId} failed")]
    public static partial void BouncesFailed(ILogger logger, Exception exception, long campaignId);
}

/// <summary>The body of a failed request.</summary>
internal sealed record BounceError(string Error, long? ResumeStartId);

[JsonSerializable(typeof(BounceLine))]
[JsonSerializable(typeof(BounceError))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SampleJsonContext : JsonSerializerContext;

/// <summary>The entry point, visible to the sample's tests.</summary>
public partial class Program;
