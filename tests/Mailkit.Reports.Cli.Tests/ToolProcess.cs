using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mailkit.Reports.Testing;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// The tool as a real child process (the <c>mailkit-bounces.dll</c> built beside the tests), for what only a process
/// shows: signals, and being killed at any moment.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errorLines = new();

    private ToolProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errorLines.Enqueue(e.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public IReadOnlyCollection<string> ErrorLines => _errorLines;

    public int Id => _process.Id;

    /// <summary>Starts <c>mailkit-bounces export</c> against an emulator's server, the md5 given in the environment.</summary>
    public static ToolProcess StartExport(MailkitEmulatorServer server, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mailkit-bounces.dll"));
        foreach (var argument in (string[])["export", "--endpoint", server.Endpoint.ToString(), "--client-id", server.Emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--no-progress", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MAILKIT_CLIENT_MD5"] = server.Emulator.ClientMd5;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new ToolProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the tool has written a line to stderr that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_errorLines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The tool exited with {_process.ExitCode} before writing the line awaited: {string.Join(" | ", _errorLines)}");
            }

            await Task.Delay(20, cancellation.Token);
        }
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
}
