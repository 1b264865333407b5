namespace Mailkit.Reports.Cli.Datasets;

/// <summary>A column of a dataset's table: its name (the API key in lower case), what it holds, and whether it may be NULL.</summary>
internal sealed record DatasetColumn(string Name, ColumnKind Kind, bool NotNull = false);
