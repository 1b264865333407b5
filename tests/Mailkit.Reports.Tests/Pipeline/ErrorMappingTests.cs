using System.Net;
using System.Text;
using Mailkit.Reports.Models;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Pipeline;

public class ErrorMappingTests
{
    [Theory]
    [InlineData("""{"error_status":1,"error":"Unauthorized"}""")]
    [InlineData("""{"error":"Unauthorized","error_status":"1"}""")]
    public async Task GetRawBouncesAsync_Unauthorized_ThrowsAuthenticationException(string body)
    {
        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(() => TestSupport.GetPageAsync(body));

        Assert.Equal("mailkit.report.raw.bounces", ex.FunctionName);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(1, ex.ErrorCode);
        Assert.Equal("Unauthorized", ex.ApiMessage);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetRawBouncesAsync_DisallowedIp_ThrowsIpNotAllowedWithTheAddress()
    {
        var ex = await Assert.ThrowsAsync<MailkitIpNotAllowedException>(
            () => TestSupport.GetPageAsync("""{"error_status":1,"error":"Disallowed IP 192.0.2.10"}"""));

        Assert.Equal("192.0.2.10", ex.IpAddress);
        Assert.Contains("Disallowed IP 192.0.2.10", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error_status":2,"error":"Invalid ID_send"}""", 2, "Invalid ID_send")]
    [InlineData("""{"error_status":"3","error":"Missing ID_send"}""", 3, "Missing ID_send")]
    [InlineData("""{"error_status":1,"error":"Invalid ID_message"}""", 1, "Invalid ID_message")]
    [InlineData("""{"error_status":-1}""", -1, "")]
    public async Task GetRawBouncesAsync_OtherErrorStatus_ThrowsApiExceptionWithCodeAndMessage(string body, long code, string message)
    {
        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => TestSupport.GetPageAsync(body));

        Assert.Equal(typeof(MailkitApiException), ex.GetType());
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ApiMessage);
    }

    [Fact]
    public async Task GetRawBouncesAsync_ErrorBodyUnderHttpError_ThrowsTheApiErrorWithTheStatus()
    {
        var ex = await Assert.ThrowsAsync<MailkitAuthenticationException>(
            () => TestSupport.GetPageAsync("""{"error_status":1,"error":"Unauthorized"}""", HttpStatusCode.Unauthorized));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task GetRawBouncesAsync_HttpErrorWithHtml_ThrowsHttpExceptionWithExcerpt()
    {
        var html = "<html><head><title>502 Bad Gateway</title></head><body>" + new string('x', 500) + "</body></html>";

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => TestSupport.GetPageAsync(html, HttpStatusCode.BadGateway));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.StartsWith("<html><head><title>502 Bad Gateway", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.Equal(200, ex.BodyExcerpt.Length);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetRawBouncesAsync_HttpErrorWithRecords_ThrowsHttpException()
    {
        var ex = await Assert.ThrowsAsync<MailkitHttpException>(
            () => TestSupport.GetPageAsync("""[{"ID_UNDELIVERED_LOG":"1"}]""", HttpStatusCode.BadRequest));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetRawBouncesAsync_ServiceUnavailableWithRetryAfter_CarriesTheDelay()
    {
        var handler = TestSupport.StrictHandler();
        handler.Expect(HttpMethod.Post, TestSupport.JsonUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });
        var options = TestSupport.Options();
        options.Retry.MaxRetryAttempts = 0;
        using var client = TestSupport.ClientFor(handler, options);

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetRawBouncesAsync_ConnectionFails_ThrowsNetworkException()
    {
        var handler = TestSupport.StrictHandler();
        handler.When("*").Throw(new HttpRequestException("Connection refused"));
        using var client = TestSupport.ClientFor(handler);

        var ex = await Assert.ThrowsAsync<MailkitNetworkException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task GetRawBouncesAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var client = TestSupport.ClientAnswering("[]");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetRawBouncesAsync(new RawBouncesRequest(), cts.Token));
    }

    public static TheoryData<string, bool> MalformedBodies => new()
    {
        { "<html><body><h1>502 Bad Gateway</h1></body></html>", false },
        { "", true },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\"", true },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\"},", true },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\",\"EMAIL\":\"a@b.c", true },
        { "[{\"EMAIL\":\"a@b.cz\"}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"abc\"}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"\"}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"-5\"}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":1.5}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"99999999999999999999\"}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":{\"x\":1}}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\",\"ID_SEND\":true}]", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\",\"EMAIL\":[\"a\"]}]", false },
        { "[1,2,3]", false },
        { "[[{\"ID_UNDELIVERED_LOG\":\"1\"}]]", false },
        { "\"Unauthorized\"", false },
        { "null", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\"}] trailing", false },
        { "[{\"ID_UNDELIVERED_LOG\":\"1\",}]", false },
        { "{\"data\":[{\"ID_UNDELIVERED_LOG\":\"1\"}]}", false },
        { "{\"error_status\":\"broken\"}", false },
        { "{\"message\":\"Rate limit exceeded\"}", false },
        { "{\"error_status\":0,\"status\":\"busy\"}", false },
        { "[{'ID_UNDELIVERED_LOG':'1'}]", false },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task GetRawBouncesAsync_MalformedBody_ThrowsProtocolExceptionWithExcerpt(string body, bool incomplete)
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => TestSupport.GetPageAsync(body));

        Assert.Equal(incomplete, ex.IsIncomplete);
        Assert.Equal("mailkit.report.raw.bounces", ex.FunctionName);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.True(ex.BodyExcerpt.Length <= 200);
        Assert.InRange(ex.BodyOffset, 0, Encoding.UTF8.GetByteCount(body));
        Assert.DoesNotContain(TestSupport.Md5, TestSupport.AllMessages(ex), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetRawBouncesAsync_HtmlPage_ExcerptQuotesTheStartOfTheBody()
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => TestSupport.GetPageAsync("<html>\n<body>Maintenance</body></html>"));

        Assert.Equal("<html> <body>Maintenance</body></html>", ex.BodyExcerpt);
        Assert.Equal(0, ex.BodyOffset);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRawBouncesAsync_MalformedSecondRecord_OffsetPointsAtIt()
    {
        const string body = """[{"ID_UNDELIVERED_LOG":"1"},{"ID_UNDELIVERED_LOG":"x"}]""";

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => TestSupport.GetPageAsync(body));

        Assert.Equal(body.IndexOf(",{", StringComparison.Ordinal) + 1, ex.BodyOffset);
        Assert.StartsWith("{\"ID_UNDELIVERED_LOG\":\"x\"}", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.Contains("ID_UNDELIVERED_LOG is not a non-negative integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRawBouncesAsync_BodyEchoesTheMd5_ExcerptHidesIt()
    {
        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(
            () => TestSupport.GetPageAsync($"<html>md5={TestSupport.Md5.ToUpperInvariant()}</html>"));

        Assert.DoesNotContain(TestSupport.Md5, TestSupport.AllMessages(ex), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("md5=***", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRawBouncesAsync_BodyLargerThanCap_ThrowsProtocolException()
    {
        var options = TestSupport.Options();
        options.MaxResponseBytes = 4096;
        var body = "[" + string.Join(",", Enumerable.Range(1, 200).Select(i => $$"""{"ID_UNDELIVERED_LOG":"{{i}}"}""")) + "]";
        using var client = TestSupport.ClientAnswering(body, options: options);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(() => client.GetRawBouncesAsync(new RawBouncesRequest()));

        Assert.Contains("MaxResponseBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "L2")]
    public async Task GetRawBouncesAsync_ApiErrorHoldsEscapeSequences_MessageHoldsNoControlCharacter()
    {
        var ex = await Assert.ThrowsAsync<MailkitApiException>(
            () => TestSupport.GetPageAsync("""{"error_status":7,"error":"\u001b]0;owned\u0007\u001b[2Jbad\r\nthing\u009b"}"""));

        Assert.DoesNotContain(ex.Message, char.IsControl);
        Assert.DoesNotContain(ex.ApiMessage, char.IsControl);
        Assert.Contains("bad  thing", ex.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "L7")]
    public async Task GetRawBouncesAsync_ApiErrorOfHalfAMegabyte_ApiMessageKeepsAtMost1024Characters()
    {
        var text = new string('e', 512 * 1024);

        var ex = await Assert.ThrowsAsync<MailkitApiException>(() => TestSupport.GetPageAsync($$"""{"error_status":7,"error":"{{text}}"}"""));

        Assert.Equal(1025, ex.ApiMessage.Length);
        Assert.StartsWith(new string('e', 1024), ex.ApiMessage, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1200);
    }
}
