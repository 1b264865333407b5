namespace Mailkit.Reports.Cli.Report;

/// <summary>One dataset of the export: its table, whether it is there, its rows and its newest time.</summary>
internal sealed record DatasetState(string Name, string Table, bool Present, long Rows, string? Newest);
