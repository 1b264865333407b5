using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The options of <c>export</c> and how they become <see cref="ExportSettings"/>; messages never echo a secret.
/// System.CommandLine parses the values; <see cref="AddTo"/> gives the command one validator that runs the tool's checks
/// in their order (<see cref="Checks"/>) and reports only the first problem, which scripts depend on. Only what needs
/// reading (the md5 from a file or standard input, the <c>--examples</c> file) is checked later, by
/// <see cref="ReadAsync"/>.
/// </summary>
internal sealed class ExportOptions
{
    private const string DefaultOutput = "bounces.db";

    private readonly IReadOnlyDictionary<string, string?> _environment;
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
        DefaultValueFactory = _ => DefaultOutput,
    };
    private readonly Option<ExportFormat?> _format;
    private readonly Option<long?> _campaign = new("--campaign") { Description = "Only this campaign (ID_message).", HelpName = "campaign" };
    private readonly Option<long?> _send = new("--send") { Description = "Only this send (ID_send).", HelpName = "send" };
    private readonly Option<long?> _startId = new("--start-id") { Description = "Start from this record ID instead of where the last export stopped.", HelpName = "start-id" };
    private readonly Option<int?> _pageSize = new("--page-size")
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"Records per call, 1 to {RawBouncesRequest.MaxPageSize} (default {RawBouncesRequest.MaxPageSize})."),
        HelpName = "page-size",
    };

    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "No live progress line." };
    private readonly Option<bool> _demo = new("--demo") { Description = "Export from a local emulator with generated data: no account needed." };
    private readonly Option<int?> _demoRecords = new("--demo-records")
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"How many records the demo generates (default {ExportSettings.DefaultDemoRecords})."),
        HelpName = "demo-records",
    };

    private readonly Option<bool> _skipInvalid = new("--skip-invalid")
    {
        Description = "Set records with a value the SDK cannot accept aside (rejected_bounces, or FILE.rejected.ndjson) and go on.",
    };
    private readonly Option<bool> _csvRaw = new("--csv-raw") { Description = "Write CSV cells starting with = + - @ as they are, not prefixed with '." };
    private readonly Option<string?> _examples = ExampleFile.CreateOption();
    private readonly Option<bool> _follow = new("--follow") { Description = "After catching up, wait --interval and continue, until Ctrl+C or SIGTERM (which exit 0)." };
    private readonly Option<TimeSpan?> _interval;
    private readonly Option<string[]> _dataset = new("--dataset")
    {
        Description = "What to export, repeatable: bounces, messages, responses, unsubscribes, campaigns, or all (default bounces).",
        HelpName = "dataset",
    };

    /// <param name="environment">The variables <c>MAILKIT_CLIENT_ID</c> and <c>MAILKIT_CLIENT_MD5</c> are read from.</param>
    public ExportOptions(IReadOnlyDictionary<string, string?> environment)
    {
        _environment = environment;

        // Parsed here rather than by System.CommandLine, whose message would quote the text: an md5 pasted by mistake.
        _clientId = Parsed("--client-id", "The API client ID (or MAILKIT_CLIENT_ID).", OptionValues.ClientId);

        // System.CommandLine's own conversion to Uri takes relative addresses only.
        _endpoint = Parsed("--endpoint", "The API's base address (default https://api.mailkit.eu/); http only for loopback, or with --allow-http.", OptionValues.Endpoint);

        // Names that are not the enum's own: xml-rpc as well as xmlrpc, and no numbers.
        _transport = Parsed("--transport", "json or xmlrpc. [default: json]", OptionValues.Transport);
        _format = Parsed("--format", "sqlite, postgres, ndjson or csv; overrides what --output suggests.", OptionValues.Format);

        // A unit System.CommandLine does not parse: 30s, 15m, 1h.
        _interval = Parsed("--interval", "How long --follow waits between checks: 30s, 15m, 1h (default 15m).", OptionValues.Interval);
    }

    /// <summary>The checks of <c>export</c>, in the order their problems are reported: only the first is.</summary>
    private IEnumerable<Func<CommandResult, string?>> Checks =>
    [
        Endpoint,
        Md5Sources,
        ClientId,
        r => Problem(r, _transport, OptionValues.Transport),
        r => Problem(r, _format, OptionValues.Format),
        OutputFormat,
        r => Problem(r, _campaign, OptionValues.NonNegative("--campaign")),
        r => Problem(r, _send, OptionValues.NonNegative("--send")),
        r => Problem(r, _startId, OptionValues.NonNegative("--start-id")),
        r => Problem(r, _pageSize, OptionValues.PageSize),
        r => r.GetResult(_demoRecords) is not null && !r.GetValue(_demo) ? "--demo-records goes with --demo." : Problem(r, _demoRecords, OptionValues.DemoRecords),
        r => r.GetResult(_interval) is not null && !r.GetValue(_follow) ? "--interval goes with --follow." : Problem(r, _interval, OptionValues.Interval),
        r => ExportDatasetNames.Parse(DatasetNames(r)).Problem,
        r => r.GetResult(_startId) is not null && !ExportDatasetNames.Parse(DatasetNames(r)).Value.Contains(ExportDataset.Bounces)
            ? "--start-id is where the bounces start: it goes with --dataset bounces (or all); the other datasets continue from their own checkpoints."
            : null,
    ];

    public void AddTo(Command command)
    {
        Option[] options =
        [
            _endpoint, _allowHttp, _clientId, _clientMd5, _clientMd5File, _transport, _output, _format, _campaign, _send, _startId, _pageSize,
            _noProgress, _demo, _demoRecords, _skipInvalid, _csvRaw, _follow, _interval, _examples, _dataset,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (Checks.Select(check => check(result)).FirstOrDefault(problem => problem is not null) is { } first)
            {
                result.AddError(first);
            }
        });
    }

    /// <summary>
    /// Warns that <c>--client-md5</c> is visible to other users of the machine, whenever it is given to <c>export</c>,
    /// before anything else is said.
    /// </summary>
    public async Task WarnAsync(ParseResult result, TextWriter error)
    {
        if (result.CommandResult.GetResult(_clientMd5) is { Tokens.Count: > 0 })
        {
            await error.WriteLineAsync(
                "mailkit-bounces: warning: --client-md5 is visible to other users of this machine (process list, shell history); "
                + "use MAILKIT_CLIENT_MD5 or --client-md5-file instead.");
        }
    }

    /// <summary>The settings of a command line the checks accepted; the md5 and the examples are read here.</summary>
    public async Task<(ExportSettings? Settings, string? Problem)> ReadAsync(ParseResult result, TextReader input, CancellationToken cancellationToken = default)
    {
        var isDemo = result.GetValue(_demo);
        var settings = new ExportSettings
        {
            Demo = isDemo,
            Progress = !result.GetValue(_noProgress),
            SkipInvalid = result.GetValue(_skipInvalid),
            CsvRaw = result.GetValue(_csvRaw),
            AllowHttp = result.GetValue(_allowHttp),
            Endpoint = result.GetValue(_endpoint) ?? MailkitClientOptions.DefaultEndpoint,
        };

        var (md5, md5Problem) = await Md5Async(result, input);
        if (md5Problem is not null)
        {
            return (null, md5Problem);
        }

        if (!isDemo)
        {
            if (md5.Length == 0)
            {
                return (null, "--client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) is required unless --demo is given.");
            }

            // The SDK's rule, asked before the target is chosen so the message can name the ways to give the md5.
            if (!MailkitClientOptions.IsValidClientMd5(md5))
            {
                return (
                    null,
                    "--client-md5 (or MAILKIT_CLIENT_MD5, or --client-md5-file) must be exactly 32 hexadecimal characters "
                    + $"(it has {Counts.Of(md5.Length, "character")}{(md5.Length == 32 ? ", not all hexadecimal" : string.Empty)}).");
            }

            settings = settings with { ClientId = ClientIdOf(result.CommandResult).Id ?? 0, ClientMd5 = md5 };
        }

        var target = result.GetValue(_output)!;
        settings = settings with
        {
            Transport = result.GetValue(_transport) ?? MailkitTransportKind.Json,
            Output = target,
            Format = result.GetValue(_format) ?? TargetResolver.FormatOf(target) ?? ExportFormat.Sqlite,
            CampaignId = result.GetValue(_campaign),
            SendId = result.GetValue(_send),
            StartId = result.GetValue(_startId),
            PageSize = result.GetValue(_pageSize) ?? RawBouncesRequest.MaxPageSize,
            DemoRecords = result.GetValue(_demoRecords) ?? ExportSettings.DefaultDemoRecords,
            Follow = result.GetValue(_follow),
            Interval = result.GetValue(_interval) ?? ExportSettings.DefaultInterval,
            Datasets = ExportDatasetNames.Parse(DatasetNames(result.CommandResult)).Value,
        };

        var (classifier, examplesProblem) = await ExampleFile.LoadAsync(result.GetValue(_examples), cancellationToken);
        return examplesProblem is null ? (settings with { Classifier = classifier! }, null) : (null, examplesProblem);
    }

    /// <summary>
    /// The problem with an option's value in the tool's words: System.CommandLine's value when it parsed one, checked by
    /// <paramref name="check"/> on the text given; <see langword="null"/> when the option was not given or is right.
    /// </summary>
    private static string? Problem<T, TValue>(CommandResult result, Option<T> option, Func<string, (TValue Value, string? Problem)> check) =>
        result.GetResult(option) is { Tokens.Count: > 0 } given ? check(given.Tokens[^1].Value).Problem : null;

    /// <summary>An option that parses its text with <paramref name="parse"/>; a text it refuses is worded by <see cref="Checks"/>.</summary>
    private static Option<T> Parsed<T>(string name, string description, Func<string, (T Value, string? Problem)> parse) => new(name)
    {
        Description = description,
        HelpName = name[2..],
        CustomParser = argument => argument.Tokens.Count == 0 ? default : parse(argument.Tokens[^1].Value).Value,
    };

    /// <summary>The names given to <c>--dataset</c>, each occurrence once, as typed.</summary>
    private IReadOnlyList<string> DatasetNames(CommandResult result) =>
        result.GetResult(_dataset) is { } given ? [.. given.Tokens.Select(t => t.Value)] : [];

    private string? Endpoint(CommandResult result) => Problem(result, _endpoint, OptionValues.Endpoint);

    private string? Md5Sources(CommandResult result) =>
        result.GetResult(_clientMd5) is not null && result.GetResult(_clientMd5File) is not null ? "give --client-md5 or --client-md5-file, not both." : null;

    private string? ClientId(CommandResult result) => result.GetValue(_demo) ? null : ClientIdOf(result).Problem;

    private string? OutputFormat(CommandResult result)
    {
        // A validator sees the options as given: an option left out has no value yet, not even its default.
        var target = result.GetResult(_output) is { Tokens.Count: > 0 } given ? given.Tokens[^1].Value : DefaultOutput;
        return result.GetResult(_format) is null && TargetResolver.FormatOf(target) is null
            ? $"--output {SafeText.Quote(target)} names no known format: use .db, .sqlite, .ndjson, .jsonl, .csv, a PostgreSQL connection string, or --format."
            : null;
    }

    /// <summary>The client ID from <c>--client-id</c>, or else from <c>MAILKIT_CLIENT_ID</c>, checked the same way.</summary>
    private (int? Id, string? Problem) ClientIdOf(CommandResult result)
    {
        if (result.GetResult(_clientId) is { Tokens.Count: > 0 } given)
        {
            return OptionValues.ClientId(given.Tokens[^1].Value);
        }

        return _environment.GetValueOrDefault("MAILKIT_CLIENT_ID") is { } text
            ? OptionValues.ClientId(text)
            : (null, "--client-id (or MAILKIT_CLIENT_ID) is required unless --demo is given.");
    }

    /// <summary>The md5 from <c>--client-md5</c> (see <see cref="WarnAsync"/>), <c>--client-md5-file</c>, or <c>MAILKIT_CLIENT_MD5</c>.</summary>
    private async Task<(string Md5, string? Problem)> Md5Async(ParseResult result, TextReader input)
    {
        var given = result.GetValue(_clientMd5);
        var file = result.GetValue(_clientMd5File);
        if (given is not null)
        {
            return (given, null);
        }

        if (file is null)
        {
            return (_environment.GetValueOrDefault("MAILKIT_CLIENT_MD5") ?? string.Empty, null);
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
