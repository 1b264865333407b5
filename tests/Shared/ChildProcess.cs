using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Mailkit.Reports.TestSupport;

/// <summary>
/// A program run as a real child process, for what only a process shows: signals, and being killed at any moment.
/// Keeps every line it writes; linked into each test project that runs one.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errorLines = new();

    private readonly string _temporaryFolder;

    private ChildProcess(Process process, string temporaryFolder)
    {
        _process = process;
        _temporaryFolder = temporaryFolder;
        _process.OutputDataReceived += (_, e) => Keep(e.Data, error: false);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data, error: true);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets the lines written so far to stdout and stderr.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Gets the lines written so far to stderr.</summary>
    public IReadOnlyCollection<string> ErrorLines => _errorLines;

    /// <summary>Gets a value indicating whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet ASSEMBLY ARGUMENTS</c> for an assembly built beside the tests, with its output redirected.</summary>
    public static ChildProcess StartDotnet(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // A temp folder of the child's own, removed with it: a killed runtime leaves its diagnostics pipes behind.
        var temporaryFolder = Directory.CreateTempSubdirectory("mailkit-child-").FullName;
        start.Environment["TMPDIR"] = temporaryFolder;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start)!, temporaryFolder);
    }

    /// <summary>Waits until the process has written a line to stderr that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout)
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
                throw new InvalidOperationException($"The process exited with {_process.ExitCode} before writing the line awaited: {string.Join(" | ", _errorLines)}");
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
        Directory.Delete(_temporaryFolder, recursive: true);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private void Keep(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (error)
        {
            _errorLines.Enqueue(line);
        }
    }
}
