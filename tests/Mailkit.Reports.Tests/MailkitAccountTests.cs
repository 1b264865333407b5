using Microsoft.Extensions.DependencyInjection;

namespace Mailkit.Reports.Tests;

public sealed class MailkitAccountTests
{
    [Theory]
    [InlineData("https://api.mailkit.eu/json.fcgi", "https://API.Mailkit.EU:443/json.fcgi")]
    [InlineData("https://api.mailkit.eu/json.fcgi", "https://user:pass@api.mailkit.eu/json.fcgi")]
    [InlineData("https://api.mailkit.eu/json.fcgi", "https://api.mailkit.eu/json.fcgi?x=1#top")]
    public void One_account_however_its_endpoint_is_written(string plain, string written)
    {
        var a = new MailkitAccount(new Uri(plain), 7);
        var b = new MailkitAccount(new Uri(written), 7);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("client 7 at https://api.mailkit.eu/json.fcgi", b.ToString());
        Assert.DoesNotContain("pass", b.Endpoint.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.mailkit.eu/json.fcgi", 8)]
    [InlineData("https://api.mailkit.eu/rpc.fcgi", 7)]
    [InlineData("http://api.mailkit.eu/json.fcgi", 7)]
    [InlineData("https://api.mailkit.eu:8443/json.fcgi", 7)]
    public void Another_client_id_path_scheme_or_port_is_another_account(string endpoint, int clientId) =>
        Assert.NotEqual(new MailkitAccount(new Uri("https://api.mailkit.eu/json.fcgi"), 7), new MailkitAccount(new Uri(endpoint), clientId));

    [Fact]
    public void The_account_of_options_is_their_endpoint_and_client_id_never_the_md5()
    {
        var options = new MailkitClientOptions { ClientId = 12, ClientMd5 = new string('a', 32), Endpoint = new Uri("https://api.mailkit.eu/json.fcgi") };

        var account = MailkitAccount.From(options);

        Assert.Equal(new MailkitAccount(options.Endpoint, 12), account);
        Assert.DoesNotContain("aaaaaaaa", account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_endpoint_is_refused() =>
        Assert.Throws<ArgumentException>(() => new MailkitAccount(new Uri("json.fcgi", UriKind.Relative), 1));

    [Fact]
    public void AddMailkitClient_returns_a_builder_that_knows_its_account()
    {
        var services = new ServiceCollection();

        var unnamed = services.AddMailkitClient(o => o.ClientId = 1).AsMailkitClientBuilder();
        var http = services.AddMailkitClient("eu", o => o.ClientId = 2);
        var named = http.AsMailkitClientBuilder();

        Assert.Equal(Microsoft.Extensions.Options.Options.DefaultName, unnamed.Name);
        Assert.Equal("eu", named.Name);
        Assert.Equal("Mailkit.Reports:eu", http.Name);
        Assert.Same(http.Services, named.Services);
    }

    [Fact]
    public void A_builder_that_AddMailkitClient_did_not_return_is_refused()
    {
        var plain = new ServiceCollection().AddHttpClient("other");

        var error = Assert.Throws<ArgumentException>(() => plain.AsMailkitClientBuilder());

        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }
}
