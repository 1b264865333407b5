namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// What one transaction stores: rows of one or more tables, the checkpoint of the dataset after them, and the bounces
/// those rows date; all of it or none.
/// </summary>
internal sealed record DatasetBatch(IReadOnlyList<TableRows> Tables, string Query, long Next)
{
    public BounceDating Dating { get; init; }

    public long First { get; init; }

    public long Last { get; init; }

    /// <summary>Gets how many rows the batch holds.</summary>
    public int Count => Tables.Sum(t => t.Rows.Count);
}
