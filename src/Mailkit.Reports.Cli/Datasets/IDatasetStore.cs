namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// Where the datasets beside the bounces go: the tables of a database, or files beside <c>--output</c>. Each dataset has
/// its own checkpoint (a query key), stored with its rows; opening a store that holds another account's export is refused.
/// </summary>
internal interface IDatasetStore : IAsyncDisposable
{
    /// <summary>Gets a description for messages, never a password.</summary>
    string Description { get; }

    /// <summary>Opens the store for an account, claiming it or refusing it (<see cref="Targets.TargetException"/>).</summary>
    Task OpenAsync(string account, IReadOnlyList<ExportDataset> datasets, CancellationToken cancellationToken);

    /// <summary>The checkpoint stored for a query, or <see langword="null"/> when there is none.</summary>
    Task<long?> ReadCheckpointAsync(ExportDataset dataset, string query, CancellationToken cancellationToken);

    /// <summary>Stores a batch and its checkpoint, all or nothing; a row stored already is kept once.</summary>
    Task WriteAsync(ExportDataset dataset, DatasetBatch batch, CancellationToken cancellationToken);
}
