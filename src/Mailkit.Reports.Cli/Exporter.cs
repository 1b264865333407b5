using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;

namespace Mailkit.Reports.Cli;

/// <summary>Runs an export: the SDK's page walk into a target, a page per transaction, with progress on stderr.</summary>
internal static class Exporter
{
    public static async Task<int> RunAsync(ExportSettings settings, TextWriter output, TextWriter error, bool errorIsTerminal, CancellationToken cancellationToken)
    {
        MailkitEmulatorServer? demo = null;
        try
        {
            if (settings.Demo)
            {
                var emulator = new MailkitEmulator().AddGenerated(settings.DemoRecords, seed: 2026);
                demo = await emulator.StartServerAsync(cancellationToken);
                settings = settings with { Endpoint = demo.Endpoint, ClientId = emulator.ClientId, ClientMd5 = emulator.ClientMd5 };
                await error.WriteLineAsync($"demo: an emulator of Mailkit serves {settings.DemoRecords} generated bounces at {demo.Endpoint}");
            }

            return await ExportAsync(settings, output, error, errorIsTerminal && settings.Progress, cancellationToken);
        }
        finally
        {
            if (demo is not null)
            {
                await demo.DisposeAsync();
            }
        }
    }

    private static async Task<int> ExportAsync(ExportSettings settings, TextWriter output, TextWriter error, bool live, CancellationToken cancellationToken)
    {
        var options = new MailkitClientOptions
        {
            ClientId = settings.ClientId,
            ClientMd5 = settings.ClientMd5,
            Endpoint = settings.Endpoint,
            Transport = settings.Transport,
        };
        if (settings.Demo)
        {
            options.RateLimit.RequestsPerMinute = 100_000;
        }

        MailkitClient client;
        try
        {
            client = new MailkitClient(options);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"mailkit-bounces: {ex.Message.Replace(" (Parameter 'options')", string.Empty, StringComparison.Ordinal)}");
            return ExitCodes.Usage;
        }

        using var disposeClient = client;
        await using var target = TargetResolver.Create(settings.Output, settings.Format);
        long? resume;
        try
        {
            resume = await target.OpenAsync(settings.QueryKey, cancellationToken);
        }
        catch (TargetException ex)
        {
            await error.WriteLineAsync($"mailkit-bounces: {ex.Message}");
            return ExitCodes.Usage;
        }

        var start = settings.StartId ?? resume;
        if (resume is not null && settings.StartId is null)
        {
            await error.WriteLineAsync($"continuing the export into {target.Description} from ID {resume}");
        }

        long retries = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MailkitTelemetry.Name && instrument.Name == "mailkit.reports.retries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
        meter.Start();

        var watch = Stopwatch.StartNew();
        long records = 0;
        var pages = 0;
        long? next = start;
        var request = new RawBouncesRequest { CampaignId = settings.CampaignId, SendId = settings.SendId, StartId = start, PageSize = settings.PageSize };
        try
        {
            await foreach (var page in client.GetRawBouncePagesAsync(request, cancellationToken))
            {
                await target.WritePageAsync(page.Records, page.NextStartId, cancellationToken);
                records += page.Records.Count;
                pages++;
                next = page.NextStartId;
                if (live)
                {
                    await error.WriteAsync($"\r{records} records, {pages} pages, {Rate(records, watch)} records/s, {Interlocked.Read(ref retries)} retries, next start ID {next}   ");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Summary(error, live, "interrupted", records, pages, target, watch, next);
            return ExitCodes.Interrupted;
        }
        catch (MailkitException ex)
        {
            await Summary(error, live, "stopped", records, pages, target, watch, next);
            await error.WriteLineAsync($"mailkit-bounces: {OneLine(ex.Message)}");
            return ex is MailkitAuthenticationException or MailkitIpNotAllowedException ? ExitCodes.Refused : ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            await Summary(error, live, "stopped", records, pages, target, watch, next);
            await error.WriteLineAsync($"mailkit-bounces: writing to {target.Description} failed: {OneLine(ex.Message)}");
            return ExitCodes.Failed;
        }

        await Summary(error, live, "done", records, pages, target, watch, next);
        await output.FlushAsync(CancellationToken.None);
        return ExitCodes.Done;
    }

    private static async Task Summary(TextWriter error, bool live, string outcome, long records, int pages, IBounceTarget target, Stopwatch watch, long? next)
    {
        if (live)
        {
            await error.WriteLineAsync();
        }

        await error.WriteLineAsync(
            $"{outcome}: {records} records in {pages} pages into {target.Description} in {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s ({Rate(records, watch)} records/s); next start ID {next?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }

    private static string Rate(long records, Stopwatch watch) =>
        (records / Math.Max(watch.Elapsed.TotalSeconds, 0.001)).ToString("F0", CultureInfo.InvariantCulture);

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
