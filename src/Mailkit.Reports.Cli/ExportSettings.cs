using System.Globalization;
using System.Text;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The options of <c>export</c>, checked. Printing it shows neither the md5 nor the target (which may hold a password).</summary>
internal sealed record ExportSettings
{
    /// <summary>How many records the demo generates unless <c>--demo-records</c> says.</summary>
    public const int DefaultDemoRecords = 100_000;

    /// <summary>The most records <c>--demo-records</c> accepts.</summary>
    public const int MaxDemoRecords = 10_000_000;

    /// <summary>The seed of the demo's generated data: every demo serves the same records.</summary>
    public const int DemoSeed = 2026;

    /// <summary>How long <c>--follow</c> waits between checks unless <c>--interval</c> says.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    /// <summary>The longest <c>--interval</c>.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);

    public Uri Endpoint { get; init; } = MailkitClientOptions.DefaultEndpoint;

    /// <summary>Gets a value indicating whether a plain http endpoint that is not loopback is accepted (<c>--allow-http</c>).</summary>
    public bool AllowHttp { get; init; }

    public int ClientId { get; init; }

    public string ClientMd5 { get; init; } = string.Empty;

    public MailkitTransportKind Transport { get; init; }

    /// <summary>Gets a transport to use instead of <see cref="Transport"/>; for tests.</summary>
    public MailkitTransport? CustomTransport { get; init; }

    /// <summary>Gets a wrapper around the target that <see cref="Output"/> names; for tests.</summary>
    public Func<IBounceTarget, IBounceTarget>? CustomTarget { get; init; }

    public string Output { get; init; } = "bounces.db";

    public ExportFormat Format { get; init; } = ExportFormat.Sqlite;

    public long? CampaignId { get; init; }

    public long? SendId { get; init; }

    public long? StartId { get; init; }

    public int PageSize { get; init; } = RawBouncesRequest.MaxPageSize;

    public bool Progress { get; init; } = true;

    public bool Demo { get; init; }

    public int DemoRecords { get; init; } = DefaultDemoRecords;

    public bool SkipInvalid { get; init; }

    public bool CsvRaw { get; init; }

    /// <summary>Gets a value indicating whether the export waits and continues after catching up (<c>--follow</c>).</summary>
    public bool Follow { get; init; }

    /// <summary>Gets how long <c>--follow</c> waits between checks.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>Gets what the export reads (<c>--dataset</c>), each once, in the order it runs them; bounces alone by default.</summary>
    public IReadOnlyList<ExportDataset> Datasets { get; init; } = [ExportDataset.Bounces];

    /// <summary>Gets a value indicating whether the export reads raw bounces.</summary>
    public bool ExportsBounces => Datasets.Contains(ExportDataset.Bounces);

    /// <summary>Gets the classifier whose verdict is stored beside each record: the built-in one, or one taught with <c>--examples</c>.</summary>
    public BounceClassifier Classifier { get; init; } = BounceClassifier.Default;

    /// <summary>Gets a value indicating whether the export reads a dataset beside the bounces, so that <c>--demo</c> serves the emulator's whole world.</summary>
    public bool ExportsMoreThanBounces => Datasets.Any(d => d != ExportDataset.Bounces);

    /// <summary>Gets the account the export reads: <c>demo</c> (or <c>demo world</c>), or the client ID and the endpoint.</summary>
    public string Account => Demo && ExportsMoreThanBounces ? ExportAccount.DemoWorld : ExportAccount.Of(Demo, ClientId, Endpoint);

    /// <summary>Identifies the query a checkpoint belongs to: its filters, not its start.</summary>
    public string QueryKey => $"campaign={CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "*"};send={SendId?.ToString(CultureInfo.InvariantCulture) ?? "*"}";

    /// <summary>Gets the key of the checkpoint: the account and the query, so that two accounts never share one.</summary>
    public string CheckpointKey => $"account={Account};{QueryKey}";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Account = {Account}, AllowHttp = {AllowHttp}, Transport = {Transport}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Output = {TargetResolver.Describe(Output, Format)}, Format = {Format.Name()}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Query = {QueryKey}, StartId = {StartId}, PageSize = {PageSize}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Datasets = {string.Join("+", Datasets.Select(d => d.Name()))}, ");
        builder.Append(CultureInfo.InvariantCulture, $"SkipInvalid = {SkipInvalid}, CsvRaw = {CsvRaw}, Follow = {Follow}, Interval = {Interval}");
        return true;
    }
}
