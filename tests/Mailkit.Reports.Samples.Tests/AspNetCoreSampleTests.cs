using System.Globalization;
using System.Net;
using System.Text.Json;
using Mailkit.Reports.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mailkit.Reports.Samples.Tests;

public class AspNetCoreSampleTests
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task GetBounces_StreamsEveryRecordOfTheCampaignAsNdjson()
    {
        await using var mailkit = new LoopbackHttpServer(exchange => exchange.RespondAsync(Page(exchange.RequestBody, total: 120)));
        await using var app = Factory(mailkit, clientId: 1001);
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/campaigns/77/bounces", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(120, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, first.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(77, first.RootElement.GetProperty("campaignId").GetInt64());
        Assert.Equal("r1@příklad.cz", first.RootElement.GetProperty("email").GetString());
        Assert.Equal("bad-mailbox", first.RootElement.GetProperty("extra").GetProperty("BOUNCE_CAT").GetString());
        Assert.All(mailkit.RequestBodies, body => Assert.Contains("\"ID_message\":\"77\"", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetBounces_MailkitRefusesTheCredentials_AnswersBadGatewayWithoutTheMd5()
    {
        await using var mailkit = new LoopbackHttpServer(exchange => exchange.RespondAsync("""{"error_status":1,"error":"Unauthorized"}"""));
        await using var app = Factory(mailkit, clientId: 1002);
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/campaigns/77/bounces", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("MailkitAuthenticationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Md5, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Finding", "L7")]
    public async Task GetBounces_UpstreamAnswersWithAPage_AnswerQuotesNothingOfIt()
    {
        await using var mailkit = new LoopbackHttpServer(exchange => exchange.RespondAsync("<html>internal proxy 10.1.2.3 says no</html>", status: 400));
        await using var app = Factory(mailkit, clientId: 1003);
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("/campaigns/77/bounces", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("MailkitHttpException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.2.3", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutCredentials_FailsNamingTheSetting()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Mailkit:ClientMd5", "short"));

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("MailkitClientOptions.ClientId", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("MailkitClientOptions.ClientMd5", ex.ToString(), StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Factory(LoopbackHttpServer mailkit, int clientId) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Mailkit:ClientId", clientId.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Mailkit:ClientMd5", Md5);
            builder.UseSetting("Mailkit:Endpoint", mailkit.Endpoint.ToString());
            builder.UseSetting("Mailkit:Retry:BaseDelay", "00:00:00");
            builder.UseSetting("Mailkit:RateLimit:RequestsPerMinute", "10000");
        });

    /// <summary>The page Mailkit would serve for the request: inclusive start, every value a string.</summary>
    private static string Page(string requestBody, int total)
    {
        using var json = JsonDocument.Parse(requestBody);
        var parameters = json.RootElement.GetProperty("parameters");
        var start = parameters.TryGetProperty("ID_undelivered_log", out var s) ? long.Parse(s.GetString()!, CultureInfo.InvariantCulture) : 0;
        var limit = int.Parse(parameters.GetProperty("limit").GetString()!, CultureInfo.InvariantCulture);
        var campaign = parameters.GetProperty("ID_message").GetString();
        var records = Enumerable.Range(1, total).Where(id => id >= start).Take(limit)
            .Select(id => $$"""{"ID_UNDELIVERED_LOG":"{{id}}","ID_MESSAGE":"{{campaign}}","EMAIL":"r{{id}}@příklad.cz","STATUS":"5.1.1","RECIPIENT_STATUS":"permanent","BOUNCE_CAT":"bad-mailbox"}""");
        return "[" + string.Join(",", records) + "]";
    }
}
