using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Mailkit.Reports.Benchmarks;
using Mailkit.Reports.Cli.Scoring;

// `dotnet run -c Release -- measure` prints the walk measurements; anything else goes to BenchmarkDotNet
// (for example `-- --filter *Json*`); `-- measure classification --gold dev.jsonl` scores the bounce classifier. `--short` runs every benchmark with a short job, as CI does.
if (args is ["measure", "classification", ..])
{
    Environment.ExitCode = ClassificationMeasurement.Run(args[2..]);
    return;
}

if (args is ["report-export", ..])
{
    // `-- report-export FILE.db [MESSAGES] [WEEKS] [BOUNCE_EVERY]`: a synthetic export for `mailkit-bounces report` (the docs' screenshot).
    await ReportExportGenerator.RunAsync(args[1..]);
    return;
}

if (args is ["measure", ..])
{
    await Measurements.RunAsync(args[1..]);
    return;
}

var config = DefaultConfig.Instance;
if (args.Contains("--short"))
{
    config = config.AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1));
    args = [.. args.Where(a => a != "--short")];
}

BenchmarkSwitcher.FromAssembly(typeof(Pages).Assembly).Run(args, config);
