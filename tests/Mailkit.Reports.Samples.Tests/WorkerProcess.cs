using System.Globalization;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;

namespace Mailkit.Reports.Samples.Tests;

/// <summary>
/// The Worker sample as a real child process (<c>Mailkit.Reports.Samples.Worker.dll</c>, built beside the tests),
/// configured by environment variables only.
/// </summary>
internal static class WorkerProcess
{
    /// <summary>Starts the worker against an emulator's server, its database in <paramref name="directory"/>, polling every second.</summary>
    public static ChildProcess Start(MailkitEmulatorServer server, string directory, int pageSize, int repeatedSends)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CONTENTROOT"] = directory,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Mailkit__ClientId"] = server.Emulator.ClientId.ToString(CultureInfo.InvariantCulture),
            ["Mailkit__ClientMd5"] = server.Emulator.ClientMd5,
            ["Mailkit__Endpoint"] = server.Endpoint.ToString(),
            ["Mailkit__RateLimit__RequestsPerMinute"] = "100000",
            ["Mailkit__Retry__BaseDelay"] = "00:00:00.050",
            ["BounceSync__Interval"] = "00:00:01",
            ["BounceSync__MaxFailureDelay"] = "00:00:02",
            ["BounceSync__PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
            ["Suppressions__DatabasePath"] = Path.Combine(directory, "suppressions.db"),
            ["Suppressions__RepeatedSends"] = repeatedSends.ToString(CultureInfo.InvariantCulture),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };

        return ChildProcess.StartDotnet("Mailkit.Reports.Samples.Worker.dll", [], environment, directory);
    }
}
