namespace Mailkit.Reports.Cli.Datasets;

/// <summary>The rows of one table in a <see cref="DatasetBatch"/>.</summary>
internal sealed record TableRows(DatasetTable Table, IReadOnlyList<object?[]> Rows);
