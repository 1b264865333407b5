using System.CommandLine;
using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The command line of <c>mailkit-bounces</c>: <c>export</c> and <c>stats</c>.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool errorIsTerminal, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "The API's base address (default https://api.mailkit.eu/); http only for loopback." };
        var clientId = new Option<string?>("--client-id") { Description = "The API client ID (or MAILKIT_CLIENT_ID)." };
        var clientMd5 = new Option<string?>("--client-md5") { Description = "The API client md5 (or MAILKIT_CLIENT_MD5)." };
        var transport = new Option<string>("--transport") { Description = "json or xmlrpc.", DefaultValueFactory = _ => "json" };
        var outputTarget = new Option<string>("--output") { Description = "A .db/.sqlite file, a .ndjson/.jsonl or .csv file, or a PostgreSQL connection string.", DefaultValueFactory = _ => "bounces.db" };
        var format = new Option<string?>("--format") { Description = "sqlite, postgres, ndjson or csv; overrides what --output suggests." };
        var campaign = new Option<string?>("--campaign") { Description = "Only this campaign (ID_message)." };
        var send = new Option<string?>("--send") { Description = "Only this send (ID_send)." };
        var startId = new Option<string?>("--start-id") { Description = "Start from this record ID instead of where the last export stopped." };
        var pageSize = new Option<string?>("--page-size") { Description = "Records per call, 1 to 25000 (default 25000)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No live progress line." };
        var demo = new Option<bool>("--demo") { Description = "Export from a local emulator with generated data: no account needed." };
        var demoRecords = new Option<string?>("--demo-records") { Description = "How many records the demo generates (default 100000)." };
        var input = new Option<string>("--input") { Description = "What to read: as --output of export.", DefaultValueFactory = _ => "bounces.db" };

        var export = new Command("export", "Export every raw bounce into SQLite, PostgreSQL, NDJSON or CSV; a second run continues where the first stopped.")
        {
            endpoint, clientId, clientMd5, transport, outputTarget, format, campaign, send, startId, pageSize, noProgress, demo, demoRecords,
        };
        var stats = new Command("stats", "Show counts by recipient status and SMTP status class, the top reasons and the top recipient domains.") { input };
        var root = new RootCommand("mailkit-bounces: every raw bounce from Mailkit, exported without code.") { export, stats };

        export.SetAction(async (result, token) =>
        {
            var (settings, problem) = Settings(result);
            if (problem is not null)
            {
                await error.WriteLineAsync($"mailkit-bounces: {problem}");
                return ExitCodes.Usage;
            }

            return await Exporter.RunAsync(settings!, output, error, errorIsTerminal, token);
        });
        stats.SetAction(async (result, token) =>
        {
            var target = result.GetValue(input)!;
            return await StatsReport.RunAsync(target, TargetResolver.FormatOf(target) ?? "sqlite", output, error, token);
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"mailkit-bounces: {parsed.Errors[0].Message} (see --help)");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken);

        (ExportSettings? Settings, string? Problem) Settings(ParseResult result)
        {
            var isDemo = result.GetValue(demo);
            var settings = new ExportSettings { Demo = isDemo, Progress = !result.GetValue(noProgress) };
            var endpointText = result.GetValue(endpoint);
            if (endpointText is not null)
            {
                if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    return (null, $"--endpoint must be an absolute http or https address (it is '{endpointText}').");
                }

                settings = settings with { Endpoint = uri };
            }

            var idText = result.GetValue(clientId) ?? environment.GetValueOrDefault("MAILKIT_CLIENT_ID");
            var md5 = result.GetValue(clientMd5) ?? environment.GetValueOrDefault("MAILKIT_CLIENT_MD5") ?? string.Empty;
            if (!isDemo)
            {
                if (idText is null)
                {
                    return (null, "--client-id (or MAILKIT_CLIENT_ID) is required unless --demo is given.");
                }

                if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    return (null, $"--client-id (or MAILKIT_CLIENT_ID) must be a positive integer (it is '{idText}').");
                }

                if (md5.Length != 32 || !md5.All(char.IsAsciiHexDigit))
                {
                    return (null, $"--client-md5 (or MAILKIT_CLIENT_MD5) must be exactly 32 hexadecimal characters (it has {md5.Length}).");
                }

                settings = settings with { ClientId = id, ClientMd5 = md5 };
            }

            MailkitTransportKind? kind = result.GetValue(transport)!.ToLowerInvariant() switch
            {
                "json" => MailkitTransportKind.Json,
                "xmlrpc" or "xml-rpc" => MailkitTransportKind.XmlRpc,
                _ => null,
            };
            if (kind is null)
            {
                return (null, $"--transport must be json or xmlrpc (it is '{result.GetValue(transport)}').");
            }

            settings = settings with { Transport = kind.Value };
            var target = result.GetValue(outputTarget)!;
            var chosen = result.GetValue(format)?.ToLowerInvariant() ?? TargetResolver.FormatOf(target);
            if (chosen is null || !TargetResolver.Formats.Contains(chosen))
            {
                return (null, result.GetValue(format) is { } f
                    ? $"--format must be sqlite, postgres, ndjson or csv (it is '{f}')."
                    : $"--output '{target}' names no known format: use .db, .sqlite, .ndjson, .jsonl, .csv, a PostgreSQL connection string, or --format.");
            }

            settings = settings with { Output = target, Format = chosen };
            foreach (var (option, name) in new[] { (campaign, "--campaign"), (send, "--send"), (startId, "--start-id") })
            {
                if (result.GetValue(option) is { } text && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    return (null, $"{name} must be a non-negative integer (it is '{text}').");
                }
            }

            settings = settings with
            {
                CampaignId = Long(result.GetValue(campaign)),
                SendId = Long(result.GetValue(send)),
                StartId = Long(result.GetValue(startId)),
            };
            if (result.GetValue(pageSize) is { } sizeText)
            {
                if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 25_000)
                {
                    return (null, $"--page-size must be from 1 to 25000 (it is '{sizeText}').");
                }

                settings = settings with { PageSize = size };
            }

            if (result.GetValue(demoRecords) is { } countText)
            {
                if (!isDemo)
                {
                    return (null, "--demo-records goes with --demo.");
                }

                if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 10_000_000)
                {
                    return (null, $"--demo-records must be from 0 to 10000000 (it is '{countText}').");
                }

                settings = settings with { DemoRecords = count };
            }

            return (settings, null);
        }

        static long? Long(string? text) => text is null ? null : long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
