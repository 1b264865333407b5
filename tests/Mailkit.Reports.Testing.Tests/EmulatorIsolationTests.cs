using System.Net;
using System.Net.Sockets;
using System.Text;
using Mailkit.Reports.TestSupport;

namespace Mailkit.Reports.Testing.Tests;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

/// <summary>The emulator listens on loopback only and keeps the md5 out of its request log, whatever it is sent.</summary>
[Collection(nameof(ProcessEnvironment))]
public class EmulatorIsolationTests
{
    [Fact]
    [Trait("Finding", "L6")]
    public async Task StartServerAsync_EnvironmentNamesOtherEndpoints_ListensOnItsOwnLoopbackPortOnly()
    {
        var configured = FreePort();
        string[] variables = ["Kestrel__Endpoints__E__Url", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_URLS"];
        var values = new[] { $"http://127.0.0.1:{configured}", $"http://127.0.0.1:{configured}", configured.ToString(System.Globalization.CultureInfo.InvariantCulture), $"http://127.0.0.1:{configured}" };
        try
        {
            for (var i = 0; i < variables.Length; i++)
            {
                Environment.SetEnvironmentVariable(variables[i], values[i]);
            }

            await using var server = await Emulated.Create().StartServerAsync();

            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(server.Endpoint.Host)));
            Assert.NotEqual(configured, server.Endpoint.Port);
            using var probe = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, configured));
        }
        finally
        {
            foreach (var variable in variables)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
        }
    }

    [Theory]
    [InlineData("json.fcgi", "{\"function\":\"mailkit.report.raw.bounces\",\"id\":\"1\",\"md5\":\"MD5\",\"parameters\":")]
    [InlineData("json.fcgi", "[\"MD5\"]")]
    [InlineData("json.fcgi", "{\"function\":\"mailkit.report.raw.bounces\",\"id\":\"1\",\"md5\":\"ESCAPED\",\"parameters\":{}}")]
    [InlineData("rpc.fcgi", "<?xml version=\"1.0\"?><methodCall><methodName>mailkit.report.raw.bounces</methodName><params><param><value><int>1</int></value></param><param><value><string>MD5</string></value></param>")]
    [Trait("Finding", "L6")]
    public async Task RequestLog_UnparsableOrEscapedBody_NeverHoldsTheMd5(string path, string template)
    {
        var emulator = Emulated.Create();
        var escaped = string.Concat(emulator.ClientMd5.Select(c => $"\\u{(int)c:x4}"));
        var body = template.Replace("ESCAPED", escaped, StringComparison.Ordinal).Replace("MD5", emulator.ClientMd5, StringComparison.Ordinal);
        using var http = new HttpClient(emulator.CreateHandler());

        using var response = await http.PostAsync(new Uri(new Uri("http://127.0.0.1/"), path), new StringContent(body, Encoding.UTF8));

        var logged = Assert.Single(emulator.Requests).RedactedBody;
        Assert.DoesNotContain(emulator.ClientMd5, logged, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(escaped, logged, StringComparison.OrdinalIgnoreCase);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
