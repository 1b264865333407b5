using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// <c>mailkit-bounces report</c> over 1 000 000 bounces and 10 000 000 messages, run as users run it: the tool in a child
/// process, so that its time includes start-up and its peak resident memory (the children's <c>ru_maxrss</c>, printed at
/// the end) is the tool's alone. SQLite always; PostgreSQL when <c>MAILKIT_TEST_POSTGRES</c> names a server, in a database
/// of its own. The export is generated once and kept under the temp folder, since writing 10 M rows takes a while. Not
/// run in CI: `dotnet run -c Release -- --filter *ReportBenchmarks*`.
/// </summary>
[Config(typeof(OnceEach))]
public class ReportBenchmarks
{
    private const long Messages = 10_000_000;
    private const int Weeks = 26;

    private string _sqlite = string.Empty;
    private string? _postgres;
    private string _output = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mailkit-report-benchmark");
        Directory.CreateDirectory(folder);
        _output = Path.Combine(folder, "report.html");
        _sqlite = Path.Combine(folder, $"export-{Messages}-{Weeks}-v2.db");
        if (!File.Exists(_sqlite))
        {
            var started = Stopwatch.GetTimestamp();
            var bounces = await ReportExportGenerator.SqliteAsync(_sqlite + ".part", Messages, Weeks);
            File.Move(_sqlite + ".part", _sqlite);
            Console.WriteLine($"// generated {Messages} messages and {bounces} bounces in SQLite in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        if (Environment.GetEnvironmentVariable("MAILKIT_TEST_POSTGRES") is { Length: > 0 } server)
        {
            var database = "report_benchmark_" + Messages;
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Pooling = false };
            await using (var admin = new Npgsql.NpgsqlConnection(builder.ToString()))
            {
                await admin.OpenAsync();
                await using var exists = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", admin);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
                    await create.ExecuteNonQueryAsync();
                    builder.Database = database;
                    var started = Stopwatch.GetTimestamp();
                    var bounces = await ReportExportGenerator.PostgresAsync(builder.ToString(), Messages, Weeks);
                    Console.WriteLine($"// generated {Messages} messages and {bounces} bounces in PostgreSQL in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
                }
            }

            builder.Database = database;
            _postgres = builder.ToString();
        }
    }

    [Benchmark]
    public int ReportFromSqlite() => RunTool(_sqlite);

    [Benchmark]
    public int ReportFromPostgres() => _postgres is null ? 0 : RunTool(_postgres);

    [GlobalCleanup]
    public void Cleanup()
    {
        // The largest resident set of any child this process waited for: the tool, at its peak.
        if (OperatingSystem.IsLinux() && GetRusage(-1, out var usage) == 0)
        {
            var cpu = usage.UserSeconds + usage.SystemSeconds + ((usage.UserMicroseconds + usage.SystemMicroseconds) / 1e6);
            Console.WriteLine($"// peak RSS of the tool: {usage.MaxRss / 1024.0:F1} MiB; CPU time of all its runs: {cpu:F1} s");
        }
    }

    private int RunTool(string input)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Tool(), "report", "--input", input, "--output", _output })
        {
            start.ArgumentList.Add(argument);
        }

        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEnd();
        var error = tool.StandardError.ReadToEnd();
        tool.WaitForExit();
        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"report exited with {tool.ExitCode}: {error}");
        }

        return output.Length;
    }

    /// <summary>The tool as its own build wrote it, found from the repository root above this benchmark.</summary>
    private static string Tool()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Mailkit.Reports.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("no Mailkit.Reports.sln above the benchmark"), "src", "Mailkit.Reports.Cli", "bin", "Release", "net10.0", "mailkit-bounces.dll");
    }

    /// <summary>Three timed runs after one warm-up, in this process: the tool runs in its own child process anyway.</summary>
    private sealed class OnceEach : ManualConfig
    {
        public OnceEach() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NvCsw;
        public long NivCsw;
    }
}
