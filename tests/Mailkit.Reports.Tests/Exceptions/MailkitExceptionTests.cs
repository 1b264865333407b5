using System.Net;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Exceptions;

public class MailkitExceptionTests
{
    [Fact]
    public void ResumeRequest_SetAtConstruction_LetsAMockRaiseAResumableFailure()
    {
        var request = new RawBouncesRequest { CampaignId = 7, PageSize = 100 };

        var ex = new MailkitNetworkException("The connection was reset.") { ResumeRequest = request with { StartId = 42 } };

        Assert.Equal(request with { StartId = 42 }, ex.ResumeRequest);
        Assert.Equal(42, ex.ResumeStartId);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public void WithResumeRequest_AnyException_ReturnsACopyAndLeavesTheOriginalUntouched()
    {
        var inner = new IOException("reset");
        var original = new MailkitNetworkException("mailkit.report.raw.bounces", HttpStatusCode.OK, inner);
        var resume = new RawBouncesRequest { StartId = 14 };

        var copy = original.WithResumeRequest(resume);

        Assert.IsType<MailkitNetworkException>(copy);
        Assert.NotSame(original, copy);
        Assert.Equal(original.Message, copy.Message);
        Assert.Same(inner, copy.InnerException);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(resume, copy.ResumeRequest);
        Assert.Null(original.ResumeRequest);
    }

    [Fact]
    public void AsBodyFailure_UnmarkedException_ReturnsAMarkedCopyAndLeavesTheOriginalUnmarked()
    {
        var original = new MailkitProtocolException("The body ended early.", "mailkit.report.raw.bounces", HttpStatusCode.OK, 10, "[{", isIncomplete: true);

        var marked = original.AsBodyFailure();

        Assert.True(marked.IsBodyFailure);
        Assert.False(original.IsBodyFailure);
        Assert.Equal(10, Assert.IsType<MailkitProtocolException>(marked).BodyOffset);
        Assert.Same(marked, marked.AsBodyFailure());
    }
}
