using System.CommandLine;
using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The options of <c>export</c> and how they become <see cref="ExportSettings"/>; messages never echo a secret.</summary>
internal sealed class ExportOptions
{
    private readonly Option<string?> _endpoint = new("--endpoint") { Description = "The API's base address (default https://api.mailkit.eu/); http only for loopback." };
    private readonly Option<string?> _clientId = new("--client-id") { Description = "The API client ID (or MAILKIT_CLIENT_ID)." };
    private readonly Option<string?> _clientMd5 = new("--client-md5") { Description = "The API client md5; visible to other users of the machine: prefer MAILKIT_CLIENT_MD5 or --client-md5-file." };
    private readonly Option<string?> _clientMd5File = new("--client-md5-file") { Description = "Read the API client md5 from this file (- for standard input)." };
    private readonly Option<string> _transport = new("--transport") { Description = "json or xmlrpc.", DefaultValueFactory = _ => "json" };
    private readonly Option<string> _output = new("--output") { Description = "A .db/.sqlite file, a .ndjson/.jsonl or .csv file, or a PostgreSQL connection string.", DefaultValueFactory = _ => "bounces.db" };
    private readonly Option<string?> _format = new("--format") { Description = "sqlite, postgres, ndjson or csv; overrides what --output suggests." };
    private readonly Option<string?> _campaign = new("--campaign") { Description = "Only this campaign (ID_message)." };
    private readonly Option<string?> _send = new("--send") { Description = "Only this send (ID_send)." };
    private readonly Option<string?> _startId = new("--start-id") { Description = "Start from this record ID instead of where the last export stopped." };
    private readonly Option<string?> _pageSize = new("--page-size") { Description = "Records per call, 1 to 25000 (default 25000)." };
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "No live progress line." };
    private readonly Option<bool> _demo = new("--demo") { Description = "Export from a local emulator with generated data: no account needed." };
    private readonly Option<string?> _demoRecords = new("--demo-records") { Description = "How many records the demo generates (default 100000)." };
    private readonly Option<bool> _skipInvalid = new("--skip-invalid") { Description = "Set records with a value the SDK cannot accept aside (rejected_bounces, or FILE.rejected.ndjson) and go on." };
    private readonly Option<bool> _csvRaw = new("--csv-raw") { Description = "Write CSV cells starting with = + - @ as they are, not prefixed with '." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _endpoint, _clientId, _clientMd5, _clientMd5File, _transport, _output, _format, _campaign, _send, _startId, _pageSize, _noProgress, _demo, _demoRecords, _skipInvalid, _csvRaw })
        {
            command.Options.Add(option);
        }
    }

    public async Task<(ExportSettings? Settings, string? Problem)> ReadAsync(ParseResult result, IReadOnlyDictionary<string, string?> environment, TextReader input, TextWriter error)
    {
        var isDemo = result.GetValue(_demo);
        var settings = new ExportSettings { Demo = isDemo, Progress = !result.GetValue(_noProgress), SkipInvalid = result.GetValue(_skipInvalid), CsvRaw = result.GetValue(_csvRaw) };
        if (result.GetValue(_endpoint) is { } endpointText)
        {
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (null, $"--endpoint must be an absolute http or https address (it is {SafeText.Quote(endpointText)}).");
            }

            if (uri.UserInfo.Length > 0)
            {
                return (null, "--endpoint must not hold a user name or password; Mailkit needs neither.");
            }

            settings = settings with { Endpoint = uri };
        }

        var (md5, md5Problem) = await Md5Async(result, environment, input, error);
        if (md5Problem is not null)
        {
            return (null, md5Problem);
        }

        if (!isDemo)
        {
            var idText = result.GetValue(_clientId) ?? environment.GetValueOrDefault("MAILKIT_CLIENT_ID");
            if (idText is null)
            {
                return (null, "--client-id (or MAILKIT_CLIENT_ID) is required unless --demo is given.");
            }

            // The value is not echoed: an md5 pasted here by mistake would be printed.
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return (null, $"--client-id (or MAILKIT_CLIENT_ID) must be a positive integer (it has {idText.Length} characters that are not one).");
            }

            if (md5.Length != 32 || !md5.All(char.IsAsciiHexDigit))
            {
                return (null, $"--client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) must be exactly 32 hexadecimal characters (it has {md5.Length}).");
            }

            settings = settings with { ClientId = id, ClientMd5 = md5 };
        }

        MailkitTransportKind? kind = result.GetValue(_transport)!.ToLowerInvariant() switch
        {
            "json" => MailkitTransportKind.Json,
            "xmlrpc" or "xml-rpc" => MailkitTransportKind.XmlRpc,
            _ => null,
        };
        if (kind is null)
        {
            return (null, $"--transport must be json or xmlrpc (it is {SafeText.Quote(result.GetValue(_transport)!)}).");
        }

        settings = settings with { Transport = kind.Value };
        var target = result.GetValue(_output)!;
        var chosen = result.GetValue(_format) is { } formatName ? ExportFormatNames.Parse(formatName) : TargetResolver.FormatOf(target);
        if (chosen is null)
        {
            return (null, result.GetValue(_format) is { } f
                ? $"--format must be sqlite, postgres, ndjson or csv (it is {SafeText.Quote(f)})."
                : $"--output {SafeText.Quote(target)} names no known format: use .db, .sqlite, .ndjson, .jsonl, .csv, a PostgreSQL connection string, or --format.");
        }

        settings = settings with { Output = target, Format = chosen.Value };
        foreach (var (option, name) in new[] { (_campaign, "--campaign"), (_send, "--send"), (_startId, "--start-id") })
        {
            if (result.GetValue(option) is { } text && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return (null, $"{name} must be a non-negative integer (it is {SafeText.Quote(text)}).");
            }
        }

        settings = settings with
        {
            CampaignId = Long(result.GetValue(_campaign)),
            SendId = Long(result.GetValue(_send)),
            StartId = Long(result.GetValue(_startId)),
        };
        if (result.GetValue(_pageSize) is { } sizeText)
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 25_000)
            {
                return (null, $"--page-size must be from 1 to 25000 (it is {SafeText.Quote(sizeText)}).");
            }

            settings = settings with { PageSize = size };
        }

        if (result.GetValue(_demoRecords) is { } countText)
        {
            if (!isDemo)
            {
                return (null, "--demo-records goes with --demo.");
            }

            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 10_000_000)
            {
                return (null, $"--demo-records must be from 0 to 10000000 (it is {SafeText.Quote(countText)}).");
            }

            settings = settings with { DemoRecords = count };
        }

        return (settings, null);
    }

    /// <summary>The md5 from <c>--client-md5</c> (with a warning), <c>--client-md5-file</c>, or <c>MAILKIT_CLIENT_MD5</c>.</summary>
    private async Task<(string Md5, string? Problem)> Md5Async(ParseResult result, IReadOnlyDictionary<string, string?> environment, TextReader input, TextWriter error)
    {
        var given = result.GetValue(_clientMd5);
        var file = result.GetValue(_clientMd5File);
        if (given is not null && file is not null)
        {
            return (string.Empty, "give --client-md5 or --client-md5-file, not both.");
        }

        if (given is not null)
        {
            await error.WriteLineAsync("mailkit-bounces: warning: --client-md5 is visible to other users of this machine (process list, shell history); use MAILKIT_CLIENT_MD5 or --client-md5-file instead.");
            return (given, null);
        }

        if (file is null)
        {
            return (environment.GetValueOrDefault("MAILKIT_CLIENT_MD5") ?? string.Empty, null);
        }

        try
        {
            var text = file == "-" ? await input.ReadLineAsync() : (await File.ReadAllLinesAsync(file)).FirstOrDefault();
            return ((text ?? string.Empty).Trim(), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (string.Empty, $"--client-md5-file cannot be read: {ex.GetType().Name}.");
        }
    }

    private static long? Long(string? text) => text is null ? null : long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
