using System.Globalization;
using System.Runtime.ExceptionServices;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Sync;
using Mailkit.Reports.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailkit.Reports.Cli;

/// <summary>Runs an export: cycles of the SDK's sync engine into a target, a page per transaction, with progress on stderr.</summary>
internal static class Exporter
{
    public static async Task<int> RunAsync(
        ExportSettings settings, TimeProvider timeProvider, TextWriter output, TextWriter error, bool errorIsTerminal, CancellationToken cancellationToken)
    {
        MailkitEmulatorServer? demo = null;
        try
        {
            if (settings.Demo)
            {
                var emulator = new MailkitEmulator();
                if (settings.ExportsMoreThanBounces)
                {
                    emulator.AddWorld(DemoWorld(settings.DemoRecords));
                }
                else
                {
                    emulator.AddGenerated(settings.DemoRecords, ExportSettings.DemoSeed);
                }

                demo = await emulator.StartServerAsync(cancellationToken);
                settings = settings with { Endpoint = demo.Endpoint, ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5 };
                await error.WriteLineAsync(emulator.World is { } world
                    ? $"demo: an emulator of Mailkit serves a generated world of {Counts.Of(world.Campaigns.Count, "campaign")}, "
                        + $"{Counts.Of(world.Messages.Count, "message")}, {Counts.Of(emulator.Bounces.Count, "bounce")}, "
                        + $"{Counts.Of(world.Responses.Count, "response")} and {Counts.Of(world.Unsubscribes.Count, "unsubscription")} at {demo.Endpoint}"
                    : $"demo: an emulator of Mailkit serves {Counts.Of(settings.DemoRecords, "generated bounce")} at {demo.Endpoint}");
            }

            return await ExportAsync(settings, timeProvider, output, error, errorIsTerminal && settings.Progress, cancellationToken);
        }
        finally
        {
            if (demo is not null)
            {
                await demo.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The demo's world: the emulator's campaigns, sends and weeks, with as many recipients per send as make about
    /// <paramref name="messages"/> messages (at least one each, at most the emulator's largest world).
    /// </summary>
    internal static EmulatedWorldOptions DemoWorld(int messages)
    {
        var world = new EmulatedWorldOptions { Seed = ExportSettings.DemoSeed };
        world.RecipientsPerSend = Math.Max(1, Math.Min(messages, EmulatedWorldOptions.MaxMessages) / (world.Campaigns * world.SendsPerCampaign));
        return world;
    }

    private static async Task<int> ExportAsync(
        ExportSettings settings, TimeProvider timeProvider, TextWriter output, TextWriter error, bool live, CancellationToken cancellationToken)
    {
        var options = new MailkitClientOptions
        {
            ClientId = settings.ClientId,
            ClientMd5 = settings.ClientMd5,
            Endpoint = settings.Endpoint,
            Transport = settings.Transport,
            TimeProvider = timeProvider,
        };
        options.CustomTransport = settings.CustomTransport;
        if (settings.Demo)
        {
            options.RateLimit.RequestsPerMinute = 100_000;
        }

        options.AllowInsecureHttp = settings.AllowHttp;
        ExportProgress? progress = null;
        var retries = new RetryReporter(error, options.Retry.MaxRetryAttempts + 1, () => progress?.EndLiveLine(error));
        if (!settings.AllowHttp && MailkitClientOptions.IsInsecureEndpoint(settings.Endpoint))
        {
            return await Fail(
                error,
                ExitCodes.Usage,
                $"--endpoint must be https: {settings.Endpoint.GetLeftPart(UriPartial.Authority)} would carry the md5 unencrypted. "
                + "Pass --allow-http if that is what you want, or use a loopback address.");
        }

        if (options.GetValidationErrors() is { Count: > 0 } refused)
        {
            // The rules only the SDK checks, in its words, which never hold the md5.
            return await Fail(error, ExitCodes.Usage, string.Join(" ", refused));
        }

        using var client = new MailkitClient(options, retries);
        IBounceTarget target;
        try
        {
            target = TargetResolver.Create(settings.Output, settings.Format, settings.CsvRaw, timeProvider, settings.Classifier);
            target = settings.CustomTarget?.Invoke(target) ?? target;
        }
        catch (TargetException ex)
        {
            return await Fail(error, ExitCodes.Usage, ex.Message);
        }

        await using var disposeTarget = target;
        long? resume = null;
        IDatasetStore? datasets = null;
        try
        {
            // A database is opened by its bounce store even when bounces are not exported: that claims it for the account
            // and brings its tables to the current version before any other dataset is written.
            if (settings.ExportsBounces || settings.Format is ExportFormat.Sqlite or ExportFormat.Postgres)
            {
                resume = await target.OpenAsync(settings.Account, settings.CheckpointKey, cancellationToken);
            }

            if (settings.Datasets.Any(d => d != ExportDataset.Bounces))
            {
                datasets = DatasetStores.Create(settings.Output, settings.Format, settings.CsvRaw, timeProvider);
                await datasets.OpenAsync(settings.Account, settings.Datasets, cancellationToken);
            }
        }
        catch (Exception ex) when (TargetFailures.ExitCodeOnOpen(ex) is { } code)
        {
            if (datasets is not null)
            {
                await datasets.DisposeAsync();
            }

            return await Fail(
                error,
                code,
                ex is TargetException ? ex.Message : $"cannot open {TargetResolver.Describe(settings.Output, settings.Format)}: {TargetFailures.Reason(ex, settings.Output)}");
        }

        await using var disposeDatasets = datasets;
        if (settings.StartId is { } given && resume is { } stored && given < stored && !target.Deduplicates)
        {
            return await Fail(
                error,
                ExitCodes.Usage,
                $"--start-id {given} is below where {target.Description} stops ({stored}): the file would hold those records twice; choose another --output.");
        }

        var start = settings.StartId ?? resume;
        if (resume is not null && settings.StartId is null && settings.ExportsBounces)
        {
            await error.WriteLineAsync($"continuing the export into {target.Description} from ID {resume}");
        }

        progress = new ExportProgress(settings, target, live, timeProvider) { Next = start, Retries = () => retries.Count };
        var session = new ExportSession(client, settings, target, progress, error);
        var sync = new SyncSettings(ExportSession.Request(settings, start), settings.Interval, settings.Interval, null, SyncSettings.DefaultMaxHandlerAttempts);
        var engine = new BounceSyncEngine(NullLogger.Instance, target.Description);
        var others = datasets is null ? null : new DatasetExport(client, datasets, settings, error);
        while (true)
        {
            SyncCycleResult? cycle = null;
            if (settings.ExportsBounces)
            {
                cycle = await engine.RunCycleAsync(_ => ValueTask.FromResult<IBounceSyncSession>(session), sync, null, cancellationToken, cancellationToken);
            }

            if (cycle is null or { Outcome: SyncOutcome.Succeeded } && others is not null)
            {
                // The other datasets follow the bounces in each check, each from its own checkpoint.
                cycle = await DatasetCycleAsync(others, cancellationToken);
            }

            if (cycle?.Outcome == SyncOutcome.Stopped)
            {
                // Every page is committed with its checkpoint, so a stop drops only the page in progress. Following
                // never ends by itself: a stop is how it ends well.
                await progress.SummaryAsync(error, settings.Follow ? "stopped" : "interrupted");
                return settings.Follow ? ExitCodes.Done : ExitCodes.Interrupted;
            }

            string outcome;
            if (cycle is null or { Outcome: SyncOutcome.Succeeded })
            {
                if (!settings.Follow)
                {
                    break;
                }

                outcome = "caught up";
            }
            else if (Retried(cycle, settings) is { } failed)
            {
                // A transient failure costs one check, not the export: what was handed over is committed, and the
                // next check continues from there. So does a failure of the target that is not an ordinary write
                // failure, until the engine halts on it.
                outcome = failed;
            }
            else
            {
                return await EndAsync(cycle, settings, target, progress, error);
            }

            var wait = cycle?.Delay ?? settings.Interval;
            await progress.CheckAsync(error, outcome, wait);
            try
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await progress.SummaryAsync(error, "stopped");
                return ExitCodes.Done;
            }
        }

        if (settings.ExportsBounces)
        {
            await progress.SummaryAsync(error, "done");
            if (progress.Records == 0 && progress.Rejected == 0)
            {
                await error.WriteLineAsync(NothingNew(settings, resume));
            }
        }

        await output.FlushAsync(CancellationToken.None);
        return ExitCodes.Done;
    }

    /// <summary>
    /// One pass over the datasets beside the bounces, as a cycle of the sync engine ends: succeeded, stopped by the
    /// token, or failed with the error (a failure of Mailkit, or of the target as a handler's).
    /// </summary>
    private static async Task<SyncCycleResult> DatasetCycleAsync(DatasetExport others, CancellationToken cancellationToken)
    {
        try
        {
            await others.RunAsync(cancellationToken);
            return new SyncCycleResult(SyncOutcome.Succeeded, 0, SyncFailureKind.None, null, null, 0, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new SyncCycleResult(SyncOutcome.Stopped, 0, SyncFailureKind.None, null, null, 0, null);
        }
        catch (MailkitException ex)
        {
            var kind = ex is MailkitAuthenticationException or MailkitIpNotAllowedException ? SyncFailureKind.AccessRefused : SyncFailureKind.Mailkit;
            return new SyncCycleResult(SyncOutcome.Failed, 0, kind, ex, null, 1, null);
        }
        catch (Exception ex) when (TargetFailures.IsWriteFailure(ex))
        {
            return new SyncCycleResult(SyncOutcome.Failed, 0, SyncFailureKind.Handler, ex, null, 1, null);
        }
    }

    /// <summary>
    /// The outcome of a check that failed and is tried again at the next one with <c>--follow</c>; <see langword="null"/>
    /// when the failure ends the export.
    /// </summary>
    private static string? Retried(SyncCycleResult cycle, ExportSettings settings) =>
        settings.Follow && cycle.Outcome == SyncOutcome.Failed && cycle.Error switch
        {
            MailkitProtocolException { FieldName: not null } => false,
            MailkitException ex => ex.IsTransient,
            { } ex => cycle.Kind == SyncFailureKind.Handler && !TargetFailures.IsWriteFailure(ex),
            null => false,
        }
            ? $"failed ({SafeText.Line(cycle.Error!.Message)})"
            : null;

    /// <summary>
    /// How a cycle that failed ends the export: a refusal of the credentials exits 3; a record the SDK refuses, another
    /// failure of Mailkit or a failure to write exits 4; anything else (the target failing on one page time after time
    /// with <c>--follow</c>) is thrown for the command's guard, which reports it as it always has.
    /// </summary>
    private static async Task<int> EndAsync(SyncCycleResult cycle, ExportSettings settings, IBounceTarget target, ExportProgress progress, TextWriter error)
    {
        if (cycle.Error is not (MailkitException or null) && !TargetFailures.IsWriteFailure(cycle.Error))
        {
            ExceptionDispatchInfo.Throw(cycle.Error);
        }

        await progress.SummaryAsync(error, "stopped");
        switch (cycle.Error)
        {
            case MailkitProtocolException ex when ex.FieldName is not null:
                return await Fail(error, ExitCodes.Failed, InvalidRecord.Describe(ex, settings.SkipInvalid));
            case MailkitException ex:
                var note = settings.SkipInvalid && ex is MailkitProtocolException { IsIncomplete: false }
                    ? "; --skip-invalid cannot skip it, as it is not one record the SDK could name"
                    : string.Empty;
                return await Fail(error, ex is MailkitAuthenticationException or MailkitIpNotAllowedException ? ExitCodes.Refused : ExitCodes.Failed, ex.Message + note);
            case { } ex:
                return await Fail(error, ExitCodes.Failed, $"writing to {target.Description} failed: {TargetFailures.Reason(ex, settings.Output)}");
            default:
                return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Why an export that ends well wrote no record, so that a second run into the same place is not taken for a fault:
    /// it continued from where the last one stopped and Mailkit had nothing after it.
    /// </summary>
    internal static string NothingNew(ExportSettings settings, long? resume)
    {
        var next = settings.StartId ?? resume;
        if (settings.StartId is null && resume is { } stored)
        {
            var again = settings.Demo ? "; the demo serves the same bounces on every run: give another --output to export them again" : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"nothing new since the last run (next start ID {stored}){again}");
        }

        return next is { } from
            ? string.Create(CultureInfo.InvariantCulture, $"nothing to export from start ID {from}")
            : "nothing to export: Mailkit has no bounces for this account and query yet";
    }

    /// <summary>Tells a failure of the export through <see cref="ErrorReporter"/>.</summary>
    private static Task<int> Fail(TextWriter error, int exitCode, string message) => ErrorReporter.FailAsync(error, exitCode, message);
}
