using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// A PostgreSQL server of the run's own, from the server binaries already on the machine: initialised in a private
/// folder under the temp folder, listening on 127.0.0.1 on a port the operating system reported free, with a random
/// superuser password, and removed with its folder when the run ends.
/// </summary>
/// <remarks>
/// A watchdog stops it and removes its folder once the test process has exited, so that the test host exits at once
/// (a test host that lingers in exit handlers is killed, leaving the runtime's own files behind). It runs as the current user; PostgreSQL refuses to run as root, so under root it runs as the <c>postgres</c> user
/// through <c>runuser</c>. A folder left by a run that was killed is removed by the next one.
/// </remarks>
internal sealed class ThrowawayPostgres
{
    private const string FolderPrefix = "mailkit-test-postgres-";
    private const int PortAttempts = 5;

    private ThrowawayPostgres(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Says why no throwaway server can be started here, or returns <see langword="null"/> when one can.</summary>
    public static string? WhyNot()
    {
        if (OperatingSystem.IsWindows())
        {
            return "no throwaway server is started on Windows";
        }

        if (FindBin() is null)
        {
            return "no server binaries (initdb, pg_ctl) on this machine";
        }

        if (IsRoot && (!File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) || FindRunUser() is null))
        {
            return "running as root, which PostgreSQL refuses, with no postgres user and runuser to run it as";
        }

        return null;
    }

    public static ThrowawayPostgres Start()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("No throwaway PostgreSQL server is started on Windows.");
        }

        var bin = FindBin() ?? throw new InvalidOperationException("No PostgreSQL server binaries found.");
        RemoveAbandonedFolders(bin);

        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true));
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(folder, "owner"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
            var passwordFile = Path.Combine(folder, "pwfile");
            File.WriteAllText(passwordFile, password + "\n");
            if (IsRoot)
            {
                Run("chown", ["-R", "postgres:postgres", folder]);
            }

            RunAsServerUser(Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "db"), "-U", "postgres", "-A", "scram-sha-256", "--pwfile", passwordFile, "--no-sync", "--no-locale", "-E", "UTF8"]);
            File.Delete(passwordFile);

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var started = TryRunAsServerUser(
                    Path.Combine(bin, "pg_ctl"),
                    [
                        "-D", Path.Combine(folder, "db"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o",
                        $"-h 127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                        "start",
                    ],
                    out var output);
                if (started)
                {
                    var connectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Password={password};Database=postgres";
                    using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false"))
                    {
                        connection.Open();
                    }

                    StartWatchdog(bin, folder);
                    return new ThrowawayPostgres(connectionString);
                }

                // Another process may have taken the port between the check and the start; try another.
                if (attempt == PortAttempts)
                {
                    var log = Path.Combine(folder, "log");
                    throw new InvalidOperationException($"PostgreSQL did not start after {PortAttempts} attempts: {output} {(File.Exists(log) ? File.ReadAllText(log) : string.Empty)}");
                }
            }
        }
        catch
        {
            Stop(bin, folder);
            throw;
        }
    }

    private static void Stop(string bin, string folder)
    {
        if (File.Exists(Path.Combine(folder, "db", "postmaster.pid")))
        {
            TryRunAsServerUser(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "db"), "-m", "immediate", "-w", "stop"], out _);
        }

        // The server's last processes may still be exiting when pg_ctl returns, and write as they go.
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 50)
            {
                Thread.Sleep(100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed by the next run (RemoveAbandonedFolders).
                return;
            }
        }
    }

    /// <summary>
    /// Starts a small shell loop, in a session of its own, that stops the server and removes its folder as soon as this
    /// process is gone, however it ended: the test host may be killed before or while its exit handlers run.
    /// </summary>
    private static void StartWatchdog(string bin, string folder)
    {
        const string Script = """
            while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
            if [ -f "$3/db/postmaster.pid" ]; then "${@:4}" "$2/pg_ctl" -D "$3/db" -m immediate -w stop >/dev/null 2>&1; fi
            rm -rf "$3"
            """;
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var start = new ProcessStartInfo(setsid ?? "bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        List<string> arguments = setsid is null ? [] : ["bash"];
        arguments.AddRange(["-c", Script, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), bin, folder]);
        if (IsRoot)
        {
            arguments.AddRange([FindRunUser()!, "-u", "postgres", "--"]);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
    }

    /// <summary>Stops and removes servers left by runs whose process no longer exists, for example one that was killed.</summary>
    private static void RemoveAbandonedFolders(string bin)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
            {
                continue;
            }

            Stop(bin, folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding initdb and pg_ctl: on the PATH, or where Linux distributions and Homebrew put them.</summary>
    private static string? FindBin()
    {
        var candidates = new List<string>();
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (var (root, pattern, below) in new[]
        {
            ("/usr/lib/postgresql", "*", "bin"), // Debian, Ubuntu
            ("/usr", "pgsql-*", "bin"), // PGDG packages for RHEL and Fedora
            ("/opt/homebrew/opt", "postgresql*", "bin"),
            ("/usr/local/opt", "postgresql*", "bin"),
        })
        {
            if (Directory.Exists(root))
            {
                candidates.AddRange(Directory.EnumerateDirectories(root, pattern).OrderByDescending(VersionOf).Select(d => Path.Combine(d, below)));
            }
        }

        candidates.Add("/usr/local/pgsql/bin");
        return candidates.FirstOrDefault(d => IsProgram(Path.Combine(d, "initdb")) && IsProgram(Path.Combine(d, "pg_ctl")));

        // A link whose target is gone (an uninstalled server) is no program.
        static bool IsProgram(string path)
        {
            var file = new FileInfo(path);
            return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }

        static int VersionOf(string folder) =>
            int.TryParse(new string(Path.GetFileName(folder).Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    private static string? FindRunUser() =>
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser" }.FirstOrDefault(File.Exists);

    private static void RunAsServerUser(string program, IReadOnlyList<string> arguments)
    {
        if (!TryRunAsServerUser(program, arguments, out var output))
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {output}");
        }
    }

    private static bool TryRunAsServerUser(string program, IReadOnlyList<string> arguments, out string output) =>
        IsRoot ? TryRun(FindRunUser()!, ["-u", "postgres", "--", program, .. arguments], out output) : TryRun(program, arguments, out output);

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        if (!TryRun(program, arguments, out var output))
        {
            throw new InvalidOperationException($"{program} failed: {output}");
        }
    }

    private static bool TryRun(string program, IReadOnlyList<string> arguments, out string output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var standard = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output = (standard + error.GetAwaiter().GetResult()).Trim();
        return process.ExitCode == 0;
    }
}
