using System.Globalization;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>The tool as a real child process: the <c>mailkit-bounces.dll</c> built beside the tests.</summary>
internal static class ToolProcess
{
    /// <summary>Starts <c>mailkit-bounces export</c> against an emulator's server, the md5 given in the environment.</summary>
    public static ChildProcess StartExport(MailkitEmulatorServer server, params string[] arguments) =>
        ChildProcess.StartDotnet(
            "mailkit-bounces.dll",
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", server.Emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--no-progress", .. arguments],
            new Dictionary<string, string> { ["MAILKIT_CLIENT_MD5"] = server.Emulator.ClientMd5 });
}
