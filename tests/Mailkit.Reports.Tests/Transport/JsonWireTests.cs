using System.Net;
using Mailkit.Reports.Models;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Transport;

public class JsonWireTests
{
    public static TheoryData<RawBouncesRequest, string> Requests => new()
    {
        { new RawBouncesRequest(), """{"limit":"25000"}""" },
        { new RawBouncesRequest { CampaignId = 12345 }, """{"ID_message":"12345","limit":"25000"}""" },
        { new RawBouncesRequest { SendId = 123456 }, """{"ID_send":"123456","limit":"25000"}""" },
        { new RawBouncesRequest { StartId = 123456789, PageSize = 1000 }, """{"ID_undelivered_log":"123456789","limit":"1000"}""" },
        {
            new RawBouncesRequest { CampaignId = 12345, SendId = 123456, StartId = 123456789, PageSize = 1000 },
            """{"ID_message":"12345","ID_send":"123456","ID_undelivered_log":"123456789","limit":"1000"}"""
        },
        { new RawBouncesRequest { StartId = 9_007_199_254_740_993, PageSize = 1 }, """{"ID_undelivered_log":"9007199254740993","limit":"1"}""" },
        { new RawBouncesRequest { CampaignId = 0, SendId = 0, StartId = 0 }, """{"ID_message":"0","ID_send":"0","ID_undelivered_log":"0","limit":"25000"}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task GetRawBouncesAsync_AnyParameters_PostsExactJsonBody(RawBouncesRequest request, string parameters)
    {
        var expected = $$"""{"function":"mailkit.report.raw.bounces","id":"{{TestSupport.ClientId}}","md5":"{{TestSupport.Md5}}","parameters":{{parameters}}}""";
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl)
            .With(r => TestSupport.HasMediaType(r, "application/json"))
            .WithContent(expected)
            .Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler);

        await client.GetRawBouncesAsync(request);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_RequestMatchesMailkitExample_SameKeysAndValueKinds()
    {
        // Mailkit's own example sends every value as a string under these keys.
        using var example = System.Text.Json.JsonDocument.Parse(TestSupport.Fixture("raw-bounces-request.json"));
        string? sent = null;
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl)
            .Respond(async request =>
            {
                sent = await request.Content!.ReadAsStringAsync();
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]") };
            });
        using var client = TestSupport.ClientFor(handler);

        await client.GetRawBouncesAsync(new RawBouncesRequest { CampaignId = 12345, SendId = 123456, StartId = 123456789, PageSize = 1000 });

        handler.VerifyNoOutstandingExpectation();
        using var actual = System.Text.Json.JsonDocument.Parse(sent!);
        var expectedKeys = example.RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(expectedKeys, actual.RootElement.EnumerateObject().Select(p => p.Name));
        var expectedParameters = example.RootElement.GetProperty("parameters").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));
        var actualParameters = actual.RootElement.GetProperty("parameters").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));
        Assert.Equal(expectedParameters, actualParameters);
    }

    [Fact]
    public async Task GetRawBouncesAsync_EndpointWithPath_PostsUnderThatPath()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, "http://127.0.0.1:5055/mailkit/json.fcgi").Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler, TestSupport.Options("http://127.0.0.1:5055/mailkit"));

        await client.GetRawBouncesAsync(new RawBouncesRequest());

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_Request_AcceptsJsonAndHasNoSecretInUrlOrHeaders()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl)
            .With(r => r.Headers.Accept.Any(a => a.MediaType == "application/json"))
            .With(r => !r.RequestUri!.ToString().Contains(TestSupport.Md5, StringComparison.OrdinalIgnoreCase))
            .With(r => !r.Headers.ToString().Contains(TestSupport.Md5, StringComparison.OrdinalIgnoreCase))
            .Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler);

        await client.GetRawBouncesAsync(new RawBouncesRequest());

        handler.VerifyNoOutstandingExpectation();
    }
}
