using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests;

/// <summary>The rules of the request and of the options, listed for hosts that check settings without catching exceptions.</summary>
public sealed class ValidationErrorsTests
{
    [Fact]
    public void GetValidationErrors_ValidRequest_IsEmpty() =>
        Assert.Empty(new RawBouncesRequest { CampaignId = 1, SendId = 2, StartId = 3, PageSize = 1 }.GetValidationErrors());

    [Fact]
    public void GetValidationErrors_EveryValueOutOfRange_ListsEachInPropertyOrder()
    {
        var request = new RawBouncesRequest { CampaignId = -1, SendId = -2, StartId = -3, PageSize = 0 };

        Assert.Equal(
            [
                "RawBouncesRequest.CampaignId must be null or a non-negative integer.",
                "RawBouncesRequest.SendId must be null or a non-negative integer.",
                "RawBouncesRequest.StartId must be null or a non-negative integer.",
                "RawBouncesRequest.PageSize must be from 1 to 25000.",
            ],
            request.GetValidationErrors());
    }

    [Theory]
    [InlineData("BounceSyncOptions", "BounceSyncOptions.PageSize must be from 1 to 25000.")]
    [InlineData("", "PageSize must be from 1 to 25000.")]
    public void GetValidationErrors_HostsPrefix_NamesTheSettingUnderIt(string prefix, string expected) =>
        Assert.Equal([expected], new RawBouncesRequest { PageSize = 25_001 }.GetValidationErrors(prefix));

    [Fact]
    public void GetValidationErrors_NullPrefix_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new RawBouncesRequest().GetValidationErrors(null!));

    [Fact]
    public void Validate_ValueOutOfRange_ThrowsTheFirstListedProblem()
    {
        var request = new RawBouncesRequest { StartId = -3, PageSize = 0 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => request.Validate("cursor"));

        Assert.Equal("cursor", ex.ParamName);
        Assert.Equal(-3L, ex.ActualValue);
        Assert.StartsWith(request.GetValidationErrors()[0], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValidationErrors_ValidOptions_IsEmpty() =>
        Assert.Empty(new MailkitClientOptions { ClientId = 1, ClientMd5 = new string('a', 32) }.GetValidationErrors());

    [Fact]
    public void GetValidationErrors_HostsPrefix_NamesEverySettingUnderIt()
    {
        var options = new MailkitClientOptions { ClientId = 0, ClientMd5 = new string('a', 32) };
        options.Retry.MaxRetryAttempts = -1;

        var errors = options.GetValidationErrors("Mailkit");

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Mailkit.ClientId must be a positive integer", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Mailkit.Retry.MaxRetryAttempts ", errors[1], StringComparison.Ordinal);
        Assert.Equal(options.GetValidationErrors().Select(e => e.Replace("MailkitClientOptions.", "Mailkit.", StringComparison.Ordinal)), errors);
    }

    [Fact]
    public void GetValidationErrors_ConstructorRefusesTheSameSettings_WithTheSameWords()
    {
        var options = new MailkitClientOptions { ClientId = 1, ClientMd5 = new string('a', 32), Endpoint = new Uri("http://192.0.2.1/") };

        var ex = Assert.Throws<ArgumentException>(() => new MailkitClient(options));

        Assert.StartsWith(string.Join(" ", options.GetValidationErrors()), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://192.0.2.1/", true)]
    [InlineData("http://api.example.com/", true)]
    [InlineData("http://127.0.0.1:8080/", false)]
    [InlineData("http://[::1]/", false)]
    [InlineData("https://api.example.com/", false)]
    public void IsInsecureEndpoint_Address_TellsWhetherOnlyAllowInsecureHttpAdmitsIt(string address, bool insecure)
    {
        var endpoint = new Uri(address);
        var options = new MailkitClientOptions { ClientId = 1, ClientMd5 = new string('a', 32), Endpoint = endpoint };

        Assert.Equal(insecure, MailkitClientOptions.IsInsecureEndpoint(endpoint));
        Assert.Equal(insecure, options.GetValidationErrors().Count > 0);
        options.AllowInsecureHttp = true;
        Assert.Empty(options.GetValidationErrors());
    }
}
