using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mailkit.Reports.Testing;

namespace Mailkit.Reports.Samples.Tests;

/// <summary>
/// The Worker sample as a real child process (<c>Mailkit.Reports.Samples.Worker.dll</c>, built beside the tests),
/// configured by environment variables only, for what only a process shows: signals, and being killed at any moment.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets the lines written so far to stdout and stderr.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Starts the worker against an emulator's server, its database in <paramref name="directory"/>, polling every second.</summary>
    public static WorkerProcess Start(MailkitEmulatorServer server, string directory, int pageSize, int repeatedSends)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mailkit.Reports.Samples.Worker.dll"));
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CONTENTROOT"] = directory,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
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
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new WorkerProcess(Process.Start(start)!);
    }

    /// <summary>Sends SIGKILL: the process ends at once, wherever it is.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGTERM, as a service manager or a container runtime stops a process.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
