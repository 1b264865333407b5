namespace Mailkit.Reports.Cli.Report;

/// <summary>When the export last ran and what it holds.</summary>
internal sealed record Freshness(string? LastExport, IReadOnlyList<DatasetState> Datasets, bool BouncesHaveSendTimes);
