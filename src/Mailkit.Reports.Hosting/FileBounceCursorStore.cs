using System.Text;
using System.Text.Json;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;
using Mailkit.Reports.Storage;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Keeps each sync's cursor in a small JSON file of its own, <c>&lt;sync name&gt;.cursor.json</c>, in one folder. A save
/// is atomic: the cursor is written to a temporary file, flushed to the disk, then renamed over the old one, so a crash
/// leaves either the old cursor or the new one, never a mix.
/// </summary>
/// <remarks>
/// Delivery with this store is at least once: see <see cref="IBounceHandler"/>. A file that cannot be read as a cursor
/// raises <see cref="CorruptBounceCursorException"/> rather than starting again from the beginning.
/// <para>
/// The file also holds the account the cursor belongs to (its endpoint and client ID, never the md5) and the cursor's
/// filter (campaign, send). When the sync now reads another account, <see cref="LoadAsync"/> throws
/// <see cref="BounceCursorAccountMismatchException"/>: the sync stops rather than reuse the ID, or start again, by
/// itself. A file without an account is taken as the current account's, and the next save records it.
/// </para>
/// <para>
/// On Linux and macOS the folder, when the store creates it, is readable by its owner only (0700), and so is every
/// cursor file (0600). A cursor file larger than 64 KiB, or one that is not a regular file, is refused as corrupt
/// without being read. A load deletes the temporary files of saves that a crash stopped, once they are a day old.
/// </para>
/// <para>
/// The store keeps the cursors of raw messages and raw responses too (<see cref="IReportCursorStore{TRequest}"/>), each
/// in the file of its sync's name (for example <c>default.raw-messages.cursor.json</c>), which also names the report.
/// A cursor of another account or another report is refused with <see cref="ReportCursorMismatchException"/>.
/// </para>
/// <para>
/// One writer per cursor: the first load or save of a sync takes an exclusive lock on <c>&lt;sync name&gt;.cursor.lock</c>
/// beside the cursor and holds it until the store is disposed (with the app). Another process that uses the same folder
/// for the same sync (a second replica on a shared volume, the other half of a blue/green pair) gets an
/// <see cref="IOException"/> naming the lock instead, so its sync fails and tries again with backoff until the first
/// one stops. File names are compared as the file system does: on a case-insensitive one, syncs <c>EU</c> and
/// <c>eu</c> share a cursor, so name syncs in one case.
/// </para>
/// </remarks>
public sealed class FileBounceCursorStore
    : IBounceCursorStore, IReportCursorStore<RawMessagesRequest>, IReportCursorStore<RawResponsesRequest>, IDisposable
{
    private const string Suffix = ".cursor.json";
    private static readonly TimeSpan TemporaryFileLifetime = TimeSpan.FromDays(1);
    private const int MaxFileLength = 64 * 1024;
    private const string TooLarge = "larger than 64 KiB";
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile.OwnerReadWrite | UnixFileMode.UserExecute;
    private const string LockSuffix = ".lock";
    private readonly Dictionary<string, FileStream> _locks = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Initializes a store that keeps its files in <paramref name="directory"/>, created on the first save.</summary>
    /// <param name="directory">The folder of the cursor files.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    public FileBounceCursorStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>Gets the full path of the folder that holds the cursor files.</summary>
    public string Directory { get; }

    /// <summary>The path of a sync's cursor file. Characters other than ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c> are written as <c>%XX</c>.</summary>
    internal string GetFilePath(string syncName)
    {
        ArgumentException.ThrowIfNullOrEmpty(syncName);
        var name = new StringBuilder(syncName.Length);
        foreach (var b in Encoding.UTF8.GetBytes(syncName))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.')
            {
                name.Append((char)b);
            }
            else
            {
                name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return Path.Combine(Directory, name.Append(Suffix).ToString());
    }

    /// <summary>Reads the cursor of a sync, refusing one saved for another account.</summary>
    /// <param name="key">The sync's name and the account it reads.</param>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The request to send next, or <see langword="null"/> when there is no cursor file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="BounceCursorAccountMismatchException">The file holds the cursor of another account.</exception>
    /// <exception cref="CorruptBounceCursorException">The file exists but does not hold a valid cursor.</exception>
    /// <exception cref="IOException">The file cannot be read, or another process holds the sync's lock.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RawBouncesRequest?> LoadAsync(BounceSyncKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        TakeLock(key.SyncName);
        if (await ReadAsync(key.SyncName, CursorFile.Parse, cancellationToken).ConfigureAwait(false) is not { } saved)
        {
            return null;
        }

        if (saved.Account is { } savedAccount && !savedAccount.Equals(key.Account))
        {
            throw new BounceCursorAccountMismatchException(key.SyncName, savedAccount, key.Account, GetFilePath(key.SyncName));
        }

        return saved.Cursor;
    }

    /// <summary>Saves the cursor of a sync with the account it belongs to.</summary>
    /// <param name="key">The sync's name and the account it reads.</param>
    /// <param name="cursor">The request to send next.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="cursor"/> is out of range.</exception>
    /// <exception cref="IOException">The file cannot be written, or another process holds the sync's lock.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task SaveAsync(BounceSyncKey key, RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cursor);
        TakeLock(key.SyncName);
        return WriteAsync(key.SyncName, key.Account, cursor, cancellationToken);
    }

    /// <inheritdoc/>
    Task<RawMessagesRequest?> IReportCursorStore<RawMessagesRequest>.LoadAsync(ReportSyncKey key, CancellationToken cancellationToken) =>
        LoadReportAsync(key, static file => file.ToRawMessagesRequest(), static request => request.Validate("cursor"), cancellationToken);

    /// <inheritdoc/>
    Task IReportCursorStore<RawMessagesRequest>.SaveAsync(ReportSyncKey key, RawMessagesRequest cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cursor);
        cursor.Validate(nameof(cursor));
        return SaveReportAsync(
            key, CursorFile.From(key.FunctionName, cursor.StartId, cursor.CampaignId, cursor.SendId, null, cursor.PageSize, key.Account), cancellationToken);
    }

    /// <inheritdoc/>
    Task<RawResponsesRequest?> IReportCursorStore<RawResponsesRequest>.LoadAsync(ReportSyncKey key, CancellationToken cancellationToken) =>
        LoadReportAsync(key, static file => file.ToRawResponsesRequest(), static request => request.Validate("cursor"), cancellationToken);

    /// <inheritdoc/>
    Task IReportCursorStore<RawResponsesRequest>.SaveAsync(ReportSyncKey key, RawResponsesRequest cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cursor);
        cursor.Validate(nameof(cursor));
        return SaveReportAsync(
            key, CursorFile.From(key.FunctionName, cursor.StartId, cursor.CampaignId, cursor.SendId, cursor.SendMessageId, cursor.PageSize, key.Account), cancellationToken);
    }

    /// <summary>Releases the locks of the syncs this store has read or written.</summary>
    public void Dispose()
    {
        lock (_locks)
        {
            _disposed = true;
            foreach (var held in _locks.Values)
            {
                held.Dispose();
            }

            _locks.Clear();
        }
    }

    /// <summary>Takes the sync's lock file the first time, and keeps it: one process writes a cursor at a time.</summary>
    private void TakeLock(string syncName)
    {
        lock (_locks)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_locks.ContainsKey(syncName))
            {
                return;
            }

            var path = GetFilePath(syncName) + LockSuffix;
            CreateDirectory();
            try
            {
                _locks.Add(syncName, OwnerOnlyFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IOException(
                    $"The cursor of bounce sync '{syncName}' is in use by another process (it holds '{path}'). Run one instance of the sync per cursor folder.",
                    ex);
            }
        }
    }

    /// <summary>Reads the cursor of a report other than raw bounces, refusing one of another report or account.</summary>
    private async Task<TRequest?> LoadReportAsync<TRequest>(
        ReportSyncKey key, Func<CursorFile, TRequest> toRequest, Action<TRequest> validate, CancellationToken cancellationToken)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(key);
        TakeLock(key.SyncName);
        var path = GetFilePath(key.SyncName);
        if (await ReadAsync(key.SyncName, CursorFile.ParseFile, cancellationToken).ConfigureAwait(false) is not { } parsed)
        {
            return null;
        }

        var (file, account) = parsed;
        var report = file.Report ?? SyncedReports.RawBounces.FunctionName;
        if (!string.Equals(report, key.FunctionName, StringComparison.Ordinal))
        {
            throw new ReportCursorMismatchException(key.SyncName, $"{report} (in '{path}')", key.FunctionName);
        }

        if (account is not null && !account.Equals(key.Account))
        {
            throw new ReportCursorMismatchException(key.SyncName, $"Mailkit {account} (in '{path}')", $"Mailkit {key.Account}");
        }

        var request = toRequest(file);
        CursorFile.Validate(path, () => validate(request));
        return request;
    }

    private Task SaveReportAsync(ReportSyncKey key, CursorFile file, CancellationToken cancellationToken)
    {
        TakeLock(key.SyncName);
        var path = GetFilePath(key.SyncName);
        CreateDirectory();
        return OwnerOnlyFile.WriteAtomicallyAsync(
            path,
            (stream, token) => JsonSerializer.SerializeAsync(stream, file, CursorFileJsonContext.Default.CursorFile, token),
            cancellationToken);
    }

    private async Task<T?> ReadAsync<T>(string syncName, Func<string, byte[], T> parse, CancellationToken cancellationToken)
        where T : class
    {
        var path = GetFilePath(syncName);
        DeleteStaleTemporaryFiles();
        FileSystemInfo file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        // A FIFO or a device reports no size, and opening a FIFO waits for a writer: refuse both before opening.
        if (file.LinkTarget is not null)
        {
            file = File.ResolveLinkTarget(path, returnFinalTarget: true) ?? file;
        }

        if (file is not FileInfo { Exists: true, Length: > 0 and var length })
        {
            throw new CorruptBounceCursorException(path, "empty, or not a regular file", null);
        }

        if (length > MaxFileLength)
        {
            throw new CorruptBounceCursorException(path, TooLarge, null);
        }

        byte[] bytes;
        try
        {
            bytes = await ReadAtMostAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return parse(path, bytes);
    }

    private static async Task<byte[]> ReadAtMostAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than the cap tells a file that grew since it was measured from one that fits.
            var buffer = new byte[MaxFileLength + 1];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += count;
            }

            if (read > MaxFileLength)
            {
                throw new CorruptBounceCursorException(path, TooLarge, null);
            }

            return buffer[..read];
        }
    }

    private async Task WriteAsync(string syncName, MailkitAccount account, RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        cursor.Validate(nameof(cursor));
        var path = GetFilePath(syncName);
        CreateDirectory();
        await OwnerOnlyFile.WriteAtomicallyAsync(
            path,
            (stream, token) => JsonSerializer.SerializeAsync(stream, CursorFile.From(cursor, account), CursorFileJsonContext.Default.CursorFile, token),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the temporary files of saves that a crash stopped between the write and the rename.</summary>
    private void DeleteStaleTemporaryFiles()
    {
        // A day is far longer than any save takes, so a file this old has no writer left.
        var cutoff = TimeProvider.System.GetUtcNow().UtcDateTime - TemporaryFileLifetime;
        try
        {
            foreach (var temporary in System.IO.Directory.EnumerateFiles(Directory, $"*{Suffix}.*.tmp"))
            {
                if (File.GetLastWriteTimeUtc(temporary) < cutoff)
                {
                    TryDelete(temporary);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Cleaning up is not worth failing the load for; the next load tries again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void CreateDirectory()
    {
        // An existing folder is left as it is: it was chosen, and its mode set, by whoever made it.
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyFolder);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is left behind; the next save writes a new one and the cursor itself is intact.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
