using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests;

public class ValidationTests
{
    public static TheoryData<Action<MailkitClientOptions>, string> BadOptions => new()
    {
        { o => o.ClientId = 0, "ClientId" },
        { o => o.ClientId = -3, "ClientId" },
        { o => o.ClientMd5 = "", "ClientMd5" },
        { o => o.ClientMd5 = "0123456789abcdef", "ClientMd5" },
        { o => o.ClientMd5 = "0123456789abcdef0123456789abcdeg", "ClientMd5" },
        { o => o.ClientMd5 = null!, "ClientMd5" },
        { o => o.Endpoint = null!, "Endpoint" },
        { o => o.Endpoint = new Uri("http://api.mailkit.eu/"), "Endpoint" },
        { o => o.Endpoint = new Uri("ftp://api.mailkit.eu/"), "Endpoint" },
        { o => o.Endpoint = new Uri("/relative", UriKind.Relative), "Endpoint" },
        { o => o.MaxResponseBytes = 0, "MaxResponseBytes" },
        { o => o.MaxResponseBytes = (1L << 30) + 1, "MaxResponseBytes" },
        { o => o.MaxRecordBytes = 100, "MaxRecordBytes" },
        { o => o.MaxRecordFields = 3, "MaxRecordFields" },
        { o => o.Endpoint = new Uri("https://user:hunter2@gateway.example/"), "Endpoint" },
        { o => o.TimeProvider = null!, "TimeProvider" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_InvalidOption_ThrowsNamingTheSetting(Action<MailkitClientOptions> change, string setting)
    {
        var options = TestSupport.Options();
        change(options);

        var ex = Assert.Throws<ArgumentException>(() => new MailkitClient(options));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains($"MailkitClientOptions.{setting}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSupport.Md5, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Constructor_WithHttpClient_ValidatesTheSameWay()
    {
        var options = TestSupport.Options();
        options.ClientId = 0;
        using var http = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new MailkitClient(http, options));

        Assert.Contains("MailkitClientOptions.ClientId must be a positive integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentNullException>("options", () => new MailkitClient(null!));
        Assert.Throws<ArgumentNullException>("httpClient", () => new MailkitClient(null!, TestSupport.Options()));
        Assert.Throws<ArgumentNullException>("options", () => new MailkitClient(http, null!));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost/")]
    [InlineData("http://[::1]:9000/")]
    [InlineData("https://mailkit.example/")]
    public void Constructor_HttpsOrLoopback_Accepted(string endpoint)
    {
        using var client = new MailkitClient(TestSupport.Options(endpoint));

        Assert.NotNull(client);
    }

    [Fact]
    public void Constructor_PlainHttpWithOptIn_Accepted()
    {
        var options = TestSupport.Options("http://mailkit-proxy.internal/");
        options.AllowInsecureHttp = true;

        using var client = new MailkitClient(options);

        Assert.NotNull(client);
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_ClientKeepsItsCopy()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).WithPartialContent("\"id\":\"4242\"").Respond("application/json", "[]");
        var options = TestSupport.Options();
        using var client = TestSupport.ClientFor(handler, options);

        options.ClientId = 1;
        options.Endpoint = new Uri("https://elsewhere.example/");
        await client.GetRawBouncesAsync(new RawBouncesRequest());

        handler.VerifyNoOutstandingExpectation();
    }

    public static TheoryData<RawBouncesRequest, string> BadRequests => new()
    {
        { new RawBouncesRequest { PageSize = 0 }, "PageSize must be from 1 to 25000" },
        { new RawBouncesRequest { PageSize = 25_001 }, "PageSize must be from 1 to 25000" },
        { new RawBouncesRequest { CampaignId = -1 }, "CampaignId" },
        { new RawBouncesRequest { SendId = -1 }, "SendId" },
        { new RawBouncesRequest { StartId = -1 }, "StartId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task GetRawBouncesAsync_InvalidRequest_ThrowsBeforeAnyIo(RawBouncesRequest request, string expected)
    {
        var handler = TestSupport.StrictHandler();
        var anyRequest = handler.When("*").Respond("application/json", "[]");
        using var client = TestSupport.ClientFor(handler);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(nameof(request), () => client.GetRawBouncesAsync(request));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.GetMatchCount(anyRequest));
    }

    [Fact]
    public async Task GetRawBouncesAsync_NullRequest_Throws()
    {
        using var client = TestSupport.ClientAnswering("[]");

        await Assert.ThrowsAsync<ArgumentNullException>("request", () => client.GetRawBouncesAsync(null!));
    }

    [Fact]
    public void ToString_OptionsAndCredentials_NeverShowTheMd5()
    {
        var options = TestSupport.Options();

        Assert.DoesNotContain(TestSupport.Md5, options.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("4242", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestSupport.Md5, new MailkitCredentials(1, TestSupport.Md5).ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Finding", "L7")]
    public void ToStringAndValidation_EndpointWithUserInfo_NeverShowThePassword()
    {
        var options = TestSupport.Options("https://user:hunter2@gateway.example/");

        var ex = Assert.Throws<ArgumentException>(() => new MailkitClient(options));

        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("gateway.example", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PublicModels_ExposeOnlyReadOnlyCollections()
    {
        var assembly = typeof(MailkitClient).Assembly;
        var offenders = assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyType.IsGenericType || p.PropertyType.IsArray)
            .Where(p => p.PropertyType.IsArray
                || !(p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                    || p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
                    || p.PropertyType.GetGenericTypeDefinition() == typeof(Nullable<>)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
