using System.Text;

namespace Mailkit.Reports.Storage;

/// <summary>
/// Files that hold recipient addresses or a cursor are readable by their owner only (0600 on Linux and macOS): the one
/// home of opening such a file, and of replacing one all at once, for the tool's targets and Hosting's cursor store.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>The mode of every file created here on Linux and macOS: read and write by the owner only.</summary>
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens a file for asynchronous I/O; a file the call creates is owner-only from its creation.</summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 << 16, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows() && mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate or FileMode.Append)
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>Creates an empty file when there is none, so that what opens it later finds it owner-only.</summary>
    public static void EnsureExists(string path)
    {
        if (!File.Exists(path))
        {
            Open(path, FileMode.CreateNew, FileAccess.Write).Dispose();
        }
    }

    /// <summary>Replaces a file's content with <paramref name="text"/> (UTF-8) all at once; see <see cref="WriteAtomicallyAsync"/>.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = TemporaryPath(full);
        try
        {
            using (var stream = Open(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Replaces a file's content all at once: <paramref name="write"/> fills a new temporary file in the same folder
    /// (created owner-only, never opened through an existing name or link), which is flushed to the disk and then renamed
    /// over the file. A crash leaves the old content or the new one, never a mix; the temporary file is removed when
    /// anything fails, and the file is then left as it was.
    /// </summary>
    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the new content; it need not flush.</param>
    /// <param name="cancellationToken">A token that cancels the write.</param>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = TemporaryPath(full);
        try
        {
            var stream = Open(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>The name of a temporary file beside <paramref name="fullPath"/>: <c>&lt;file name&gt;.&lt;32 hex digits&gt;.tmp</c>.</summary>
    private static string TemporaryPath(string fullPath) => $"{fullPath}.{Guid.NewGuid():N}.tmp";

    private static void TryDelete(string path)
    {
        try
        {
            // Nothing to do after a rename: the temporary name is gone.
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: the file itself is intact, and the next write uses a new temporary name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
