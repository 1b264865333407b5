using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;

namespace Mailkit.Reports.Cli;

/// <summary>Runs an export: the SDK's page walk into a target, a page per transaction, with progress on stderr.</summary>
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
                var emulator = new MailkitEmulator().AddGenerated(settings.DemoRecords, ExportSettings.DemoSeed);
                demo = await emulator.StartServerAsync(cancellationToken);
                settings = settings with { Endpoint = demo.Endpoint, ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5 };
                await error.WriteLineAsync($"demo: an emulator of Mailkit serves {Counts.Of(settings.DemoRecords, "generated bounce")} at {demo.Endpoint}");
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
        }
        catch (TargetException ex)
        {
            return await Fail(error, ExitCodes.Usage, ex.Message);
        }

        await using var disposeTarget = target;
        long? resume;
        try
        {
            resume = await target.OpenAsync(settings.Account, settings.CheckpointKey, cancellationToken);
        }
        catch (Exception ex) when (TargetFailures.ExitCodeOnOpen(ex) is { } code)
        {
            return await Fail(
                error,
                code,
                ex is TargetException ? ex.Message : $"cannot open {TargetResolver.Describe(settings.Output, settings.Format)}: {TargetFailures.Reason(ex, settings.Output)}");
        }

        if (settings.StartId is { } given && resume is { } stored && given < stored && !target.Deduplicates)
        {
            return await Fail(
                error,
                ExitCodes.Usage,
                $"--start-id {given} is below where {target.Description} stops ({stored}): the file would hold those records twice; choose another --output.");
        }

        var start = settings.StartId ?? resume;
        if (resume is not null && settings.StartId is null)
        {
            await error.WriteLineAsync($"continuing the export into {target.Description} from ID {resume}");
        }

        progress = new ExportProgress(settings, target, live, timeProvider) { Next = start, Retries = () => retries.Count };
        var cycle = new FollowCycle(settings, timeProvider);
        while (true)
        {
            try
            {
                await WalkAsync(client, settings, target, progress, error, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Every page is committed with its checkpoint, so a stop drops only the page in progress. Following
                // never ends by itself: a stop is how it ends well.
                await progress.SummaryAsync(error, settings.Follow ? "stopped" : "interrupted");
                return settings.Follow ? ExitCodes.Done : ExitCodes.Interrupted;
            }
            catch (MailkitProtocolException ex) when (ex.FieldName is not null)
            {
                await progress.SummaryAsync(error, "stopped");
                return await Fail(error, ExitCodes.Failed, InvalidRecord.Describe(ex, settings.SkipInvalid));
            }
            catch (MailkitException ex) when (settings.Follow && ex.IsTransient)
            {
                // A transient failure costs one check, not the export: what was handed over is committed, and the
                // next check continues from there.
                await cycle.ReportAsync(error, progress, $"failed ({SafeText.Line(ex.Message)})");
                if (!await cycle.WaitAsync(cancellationToken))
                {
                    await progress.SummaryAsync(error, "stopped");
                    return ExitCodes.Done;
                }

                continue;
            }
            catch (MailkitException ex)
            {
                await progress.SummaryAsync(error, "stopped");
                var note = settings.SkipInvalid && ex is MailkitProtocolException { IsIncomplete: false }
                    ? "; --skip-invalid cannot skip it, as it is not one record the SDK could name"
                    : string.Empty;
                return await Fail(error, ex is MailkitAuthenticationException or MailkitIpNotAllowedException ? ExitCodes.Refused : ExitCodes.Failed, ex.Message + note);
            }
            catch (Exception ex) when (TargetFailures.IsWriteFailure(ex))
            {
                await progress.SummaryAsync(error, "stopped");
                return await Fail(error, ExitCodes.Failed, $"writing to {target.Description} failed: {TargetFailures.Reason(ex, settings.Output)}");
            }

            if (!settings.Follow)
            {
                break;
            }

            await cycle.ReportAsync(error, progress, "caught up");
            if (!await cycle.WaitAsync(cancellationToken))
            {
                await progress.SummaryAsync(error, "stopped");
                return ExitCodes.Done;
            }
        }

        await progress.SummaryAsync(error, "done");
        if (progress.Records == 0 && progress.Rejected == 0)
        {
            await error.WriteLineAsync(NothingNew(settings, resume));
        }

        await output.FlushAsync(CancellationToken.None);
        return ExitCodes.Done;
    }

    /// <summary>
    /// One walk from <see cref="ExportProgress.Next"/> to the end of the data, a page per transaction. With
    /// <c>--skip-invalid</c> the SDK sets records it cannot accept aside and the page says which: they are stored as
    /// rejected before the page and its checkpoint, so that none is lost if the export stops between the two.
    /// </summary>
    private static async Task WalkAsync(
        MailkitClient client,
        ExportSettings settings,
        IBounceTarget target,
        ExportProgress progress,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var request = new RawBouncesRequest
        {
            CampaignId = settings.CampaignId,
            SendId = settings.SendId,
            StartId = progress.Next,
            PageSize = settings.PageSize,
            InvalidRecords = settings.SkipInvalid ? InvalidRecordHandling.Skip() : InvalidRecordHandling.Throw,
        };
        await foreach (var page in client.GetRawBouncePagesAsync(request, cancellationToken))
        {
            foreach (var skipped in page.SkippedRecords)
            {
                await target.RejectAsync(new RejectedRecord(skipped.UndeliveredLogId, skipped.RecordText, skipped.Exception.Message), nextStartId: null, cancellationToken);
                progress.Rejected++;
            }

            await target.WritePageAsync(page.Records, page.NextStartId, cancellationToken);
            progress.Records += page.Records.Count;
            progress.Pages++;
            progress.Next = page.NextStartId;
            await progress.DrawAsync(error);
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
