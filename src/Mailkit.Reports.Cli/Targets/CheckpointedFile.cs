using System.Text;
using Mailkit.Reports.Storage;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// A file appended a batch at a time with its checkpoint beside it (<c>FILE.checkpoint</c>): the account and query the
/// file holds, its length after the last whole batch, and the ID to continue from. Opening it cuts the file back to that
/// length (dropping a batch a crash left half written); a file shorter than its checkpoint says (deleted or truncated),
/// one of another account or query, or one without a checkpoint that holds more than its header is refused. One writer
/// at a time: it holds its <see cref="FileWriterLock"/> from before it reads anything until it is disposed. The one home
/// of these rules for the bounce files (<see cref="FileTarget"/>) and the files of the other datasets.
/// </summary>
internal sealed class CheckpointedFile(string path) : IAsyncDisposable
{
    private FileWriterLock? _lock;
    private FileStream? _file;
    private string _account = string.Empty;
    private string _query = string.Empty;
    private long? _next;

    private string CheckpointPath => path + ".checkpoint";

    /// <summary>
    /// Opens the file for an account and a query, or for an account alone when <paramref name="query"/> is
    /// <see langword="null"/> (the query is then the checkpoint's, checked later). Returns the checkpoint, or
    /// <see langword="null"/> for a new file, which is then made to hold <paramref name="header"/> alone.
    /// </summary>
    /// <exception cref="TargetException">The file cannot be continued.</exception>
    public async Task<FileCheckpoint?> OpenAsync(string account, string? query, string header, CancellationToken cancellationToken)
    {
        _account = account;
        _lock = FileWriterLock.Take(path);
        var name = SafeText.Path(path);
        var length = File.Exists(path) ? new FileInfo(path).Length : -1;
        var checkpoint = File.Exists(CheckpointPath) ? FileCheckpoint.Parse(await File.ReadAllTextAsync(CheckpointPath, cancellationToken)) : null;
        if (checkpoint is null && File.Exists(CheckpointPath))
        {
            throw new TargetException(
                $"{name}.checkpoint was not written by this version of mailkit-bounces and does not say which account the file holds; choose another --output.");
        }

        // A file holding the header alone is one a first run was stopped in before its first checkpoint.
        if (length > 0 && checkpoint is null && !await HoldsOnlyAsync(header, length, cancellationToken))
        {
            throw new TargetException($"{name} already exists and has no {Path.GetFileName(CheckpointPath)}: it was not written by mailkit-bounces; choose another --output.");
        }

        if (checkpoint is not null)
        {
            if (checkpoint.Account != account)
            {
                throw ExportAccount.Mismatch(name, checkpoint.Account, account);
            }

            if (query is not null)
            {
                EnsureQuery(checkpoint, query);
            }

            if (length < checkpoint.Length)
            {
                throw new TargetException(
                    $"{name} is shorter than its checkpoint says (deleted or truncated?), so it no longer holds the export; "
                    + $"remove {name}.checkpoint to start afresh, or choose another --output.");
            }
        }

        _file = OwnerOnlyFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        if (checkpoint is null)
        {
            _query = query ?? string.Empty;
            _file.SetLength(0);
            await AppendAsync(header, null);
            return null;
        }

        _query = checkpoint.Query;
        _next = checkpoint.NextStartId;
        _file.SetLength(checkpoint.Length);
        _file.Position = _file.Length;
        return checkpoint;
    }

    /// <summary>Refuses a checkpoint of another query than <paramref name="query"/>; a new file, or an empty query, takes it.</summary>
    /// <exception cref="TargetException">The file holds an export of another query.</exception>
    public void EnsureQuery(FileCheckpoint? checkpoint, string query)
    {
        if (checkpoint is { Query.Length: > 0 } && checkpoint.Query != query)
        {
            throw new TargetException($"{SafeText.Path(path)} holds an export of another query ({SafeText.Line(checkpoint.Query)}); choose another --output.");
        }

        _query = query;
    }

    /// <summary>Reads every line the file holds up to its checkpoint, then goes back to its end.</summary>
    public async Task<IReadOnlyList<string>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        var file = _file ?? throw new InvalidOperationException("The file is not open.");
        var lines = new List<string>();
        file.Position = 0;
        using (var reader = new StreamReader(file, Encoding.UTF8, false, 4096, leaveOpen: true))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.Add(line);
            }
        }

        file.Position = file.Length;
        return lines;
    }

    /// <summary>Appends text, puts it on disk, then moves the checkpoint to <paramref name="next"/> (or leaves its ID); never cancelled half way.</summary>
    public async Task AppendAsync(string text, long? next)
    {
        var file = _file ?? throw new InvalidOperationException("The file is not open.");
        await file.WriteAsync(Encoding.UTF8.GetBytes(text), CancellationToken.None);
        await file.FlushAsync(CancellationToken.None);
        file.Flush(flushToDisk: true);
        _next = next ?? _next;
        OwnerOnlyFile.WriteAtomically(CheckpointPath, new FileCheckpoint(_account, _query, file.Length, _next).ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        _lock?.Dispose();
    }

    private async Task<bool> HoldsOnlyAsync(string header, long length, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(header);
        if (length != bytes.Length)
        {
            return false;
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return content.AsSpan().SequenceEqual(bytes);
    }
}
