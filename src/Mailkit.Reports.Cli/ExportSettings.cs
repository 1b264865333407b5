using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>The options of <c>export</c>, checked.</summary>
internal sealed record ExportSettings
{
    public Uri Endpoint { get; init; } = MailkitClientOptions.DefaultEndpoint;

    public int ClientId { get; init; }

    public string ClientMd5 { get; init; } = string.Empty;

    public MailkitTransportKind Transport { get; init; }

    public string Output { get; init; } = "bounces.db";

    public string Format { get; init; } = "sqlite";

    public long? CampaignId { get; init; }

    public long? SendId { get; init; }

    public long? StartId { get; init; }

    public int PageSize { get; init; } = 25_000;

    public bool Progress { get; init; } = true;

    public bool Demo { get; init; }

    public int DemoRecords { get; init; } = 100_000;

    /// <summary>Identifies the query a checkpoint belongs to: its filters, not its start.</summary>
    public string QueryKey => $"campaign={CampaignId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"};send={SendId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}";
}
