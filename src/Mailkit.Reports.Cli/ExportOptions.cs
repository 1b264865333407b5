using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The options of <c>export</c> and how they become <see cref="ExportSettings"/>; messages never echo a secret. Each typed
/// option checks its value as it is parsed (<see cref="OptionValues"/>); <see cref="ReadAsync"/> then reports the first
/// problem in the tool's own order, which scripts and the <c>--client-md5</c> warning depend on.
/// </summary>
internal sealed class ExportOptions
{
    private readonly Dictionary<Option, string> _problems = [];
    private readonly Option<Uri?> _endpoint;
    private readonly Option<bool> _allowHttp = new("--allow-http") { Description = "Accept a plain http --endpoint that is not loopback: the md5 then travels unencrypted." };
    private readonly Option<int?> _clientId;
    private readonly Option<string?> _clientMd5 = new("--client-md5")
    {
        Description = "The API client md5; visible to other users of the machine: prefer MAILKIT_CLIENT_MD5 or --client-md5-file.",
    };
    private readonly Option<string?> _clientMd5File = new("--client-md5-file") { Description = "Read the API client md5 from this file (- for standard input)." };
    private readonly Option<MailkitTransportKind?> _transport;
    private readonly Option<string> _output = new("--output")
    {
        Description = "A .db/.sqlite file, a .ndjson/.jsonl or .csv file, or a PostgreSQL connection string.",
        DefaultValueFactory = _ => "bounces.db",
    };
    private readonly Option<ExportFormat?> _format;
    private readonly Option<long?> _campaign;
    private readonly Option<long?> _send;
    private readonly Option<long?> _startId;
    private readonly Option<int?> _pageSize;
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "No live progress line." };
    private readonly Option<bool> _demo = new("--demo") { Description = "Export from a local emulator with generated data: no account needed." };
    private readonly Option<int?> _demoRecords;
    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Set records with a value the SDK cannot accept aside (rejected_bounces, or FILE.rejected.ndjson) and go on.",
    };
    private readonly Option<bool> _csvRaw = new("--csv-raw") { Description = "Write CSV cells starting with = + - @ as they are, not prefixed with '." };
    private readonly Option<string?> _examples = ExampleFile.CreateOption();
    private readonly Option<bool> _follow = new("--follow") { Description = "After catching up, wait --interval and continue, until Ctrl+C or SIGTERM (which exit 0)." };
    private readonly Option<TimeSpan?> _interval;

    public ExportOptions()
    {
        _endpoint = Typed("--endpoint", "The API's base address (default https://api.mailkit.eu/); http only for loopback, or with --allow-http.", OptionValues.Endpoint);
        _clientId = Typed("--client-id", "The API client ID (or MAILKIT_CLIENT_ID).", OptionValues.ClientId);
        _transport = Typed("--transport", "json or xmlrpc. [default: json]", OptionValues.Transport);
        _format = Typed("--format", "sqlite, postgres, ndjson or csv; overrides what --output suggests.", OptionValues.Format);
        _campaign = Typed("--campaign", "Only this campaign (ID_message).", OptionValues.NonNegative("--campaign"));
        _send = Typed("--send", "Only this send (ID_send).", OptionValues.NonNegative("--send"));
        _startId = Typed("--start-id", "Start from this record ID instead of where the last export stopped.", OptionValues.NonNegative("--start-id"));
        _pageSize = Typed(
            "--page-size",
            string.Create(CultureInfo.InvariantCulture, $"Records per call, 1 to {RawBouncesRequest.MaxPageSize} (default {RawBouncesRequest.MaxPageSize})."),
            OptionValues.PageSize);
        _interval = Typed("--interval", "How long --follow waits between checks: 30s, 15m, 1h (default 15m).", OptionValues.Interval);
        _demoRecords = Typed(
            "--demo-records",
            string.Create(CultureInfo.InvariantCulture, $"How many records the demo generates (default {ExportSettings.DefaultDemoRecords})."),
            OptionValues.DemoRecords);
    }

    public void AddTo(Command command)
    {
        Option[] options =
        [
            _endpoint, _allowHttp, _clientId, _clientMd5, _clientMd5File, _transport, _output, _format, _campaign, _send, _startId, _pageSize,
            _noProgress, _demo, _demoRecords, _skipInvalid, _csvRaw, _follow, _interval, _examples,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether a parse error is a value one of these options refused, which <see cref="ReadAsync"/> reports in its turn.</summary>
    public bool Owns(ParseError error) => _problems.ContainsValue(error.Message);

    public async Task<(ExportSettings? Settings, string? Problem)> ReadAsync(
        ParseResult result, IReadOnlyDictionary<string, string?> environment, TextReader input, TextWriter error, CancellationToken cancellationToken = default)
    {
        var isDemo = result.GetValue(_demo);
        var settings = new ExportSettings
        {
            Demo = isDemo,
            Progress = !result.GetValue(_noProgress),
            SkipInvalid = result.GetValue(_skipInvalid),
            CsvRaw = result.GetValue(_csvRaw),
        };
        if (Problem(_endpoint) is { } endpointProblem)
        {
            return (null, endpointProblem);
        }

        if (result.GetValue(_endpoint) is { } endpoint)
        {
            settings = settings with { Endpoint = endpoint };
        }

        settings = settings with { AllowHttp = result.GetValue(_allowHttp) };

        var (md5, md5Problem) = await Md5Async(result, environment, input, error);
        if (md5Problem is not null)
        {
            return (null, md5Problem);
        }

        if (!isDemo)
        {
            var (id, idProblem) = ClientId(result, environment);
            if (idProblem is not null)
            {
                return (null, idProblem);
            }

            if (md5.Length == 0)
            {
                return (null, "--client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) is required unless --demo is given.");
            }

            // The SDK's rule, asked before the target is chosen so the message can name the ways to give the md5.
            if (!MailkitClientOptions.IsValidClientMd5(md5))
            {
                return (null, $"--client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) must be exactly 32 hexadecimal characters "
                    + $"(it has {Counts.Of(md5.Length, "character")}{(md5.Length == 32 ? ", not all hexadecimal" : string.Empty)}).");
            }

            settings = settings with { ClientId = id, ClientMd5 = md5 };
        }

        if ((Problem(_transport) ?? Problem(_format)) is { } problem)
        {
            return (null, problem);
        }

        var target = result.GetValue(_output)!;
        if ((result.GetValue(_format) ?? TargetResolver.FormatOf(target)) is not { } format)
        {
            return (null, $"--output {SafeText.Quote(target)} names no known format: use .db, .sqlite, .ndjson, .jsonl, .csv, a PostgreSQL connection string, or --format.");
        }

        if ((Problem(_campaign) ?? Problem(_send) ?? Problem(_startId) ?? Problem(_pageSize)) is { } queryProblem)
        {
            return (null, queryProblem);
        }

        settings = settings with
        {
            Transport = result.GetValue(_transport) ?? MailkitTransportKind.Json,
            Output = target,
            Format = format,
            CampaignId = result.GetValue(_campaign),
            SendId = result.GetValue(_send),
            StartId = result.GetValue(_startId),
            PageSize = result.GetValue(_pageSize) ?? RawBouncesRequest.MaxPageSize,
        };
        if (result.GetResult(_demoRecords) is not null)
        {
            if (!isDemo)
            {
                return (null, "--demo-records goes with --demo.");
            }

            if (Problem(_demoRecords) is { } countProblem)
            {
                return (null, countProblem);
            }

            settings = settings with { DemoRecords = result.GetValue(_demoRecords)!.Value };
        }

        settings = settings with { Follow = result.GetValue(_follow) };
        if (result.GetResult(_interval) is not null)
        {
            if (!settings.Follow)
            {
                return (null, "--interval goes with --follow.");
            }

            if (Problem(_interval) is { } intervalProblem)
            {
                return (null, intervalProblem);
            }

            settings = settings with { Interval = result.GetValue(_interval)!.Value };
        }

        var (classifier, examplesProblem) = await ExampleFile.LoadAsync(result.GetValue(_examples), cancellationToken);
        return examplesProblem is null ? (settings with { Classifier = classifier! }, null) : (null, examplesProblem);
    }

    /// <summary>An option whose parser turns its text into a value, or records why it cannot.</summary>
    private Option<T> Typed<T>(string name, string description, Func<string, (T Value, string? Problem)> parse)
    {
        var option = new Option<T>(name) { Description = description, HelpName = name[2..] };
        option.CustomParser = argument =>
        {
            if (argument.Tokens.Count == 0)
            {
                return default;
            }

            var (value, problem) = parse(argument.Tokens[^1].Value);
            if (problem is not null)
            {
                _problems[option] = problem;
                argument.AddError(problem);
            }

            return value;
        };
        return option;
    }

    private string? Problem(Option option) => _problems.GetValueOrDefault(option);

    /// <summary>The client ID from <c>--client-id</c>, or else from <c>MAILKIT_CLIENT_ID</c>, checked the same way.</summary>
    private (int Id, string? Problem) ClientId(ParseResult result, IReadOnlyDictionary<string, string?> environment)
    {
        if (Problem(_clientId) is { } problem)
        {
            return (0, problem);
        }

        if (result.GetValue(_clientId) is { } given)
        {
            return (given, null);
        }

        if (environment.GetValueOrDefault("MAILKIT_CLIENT_ID") is not { } text)
        {
            return (0, "--client-id (or MAILKIT_CLIENT_ID) is required unless --demo is given.");
        }

        var (id, idProblem) = OptionValues.ClientId(text);
        return (id ?? 0, idProblem);
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
            await error.WriteLineAsync(
                "mailkit-bounces: warning: --client-md5 is visible to other users of this machine (process list, shell history); "
                + "use MAILKIT_CLIENT_MD5 or --client-md5-file instead.");
            return (given, null);
        }

        if (file is null)
        {
            return (environment.GetValueOrDefault("MAILKIT_CLIENT_MD5") ?? string.Empty, null);
        }

        if (file != "-" && Directory.Exists(file))
        {
            return (string.Empty, $"--client-md5-file {SafeText.Quote(file)} cannot be read: it is a directory.");
        }

        try
        {
            var text = file == "-" ? await input.ReadLineAsync() : (await File.ReadAllLinesAsync(file)).FirstOrDefault();
            return ((text ?? string.Empty).Trim(), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex switch
            {
                FileNotFoundException => "file not found",
                DirectoryNotFoundException => "its folder does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => "an I/O error",
            };
            return (string.Empty, $"--client-md5-file {SafeText.Quote(file)} cannot be read: {reason}.");
        }
    }
}
