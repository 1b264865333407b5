using System.Text;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>Files the tool creates hold recipient addresses: they are readable by their owner only (0600).</summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

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

    /// <summary>
    /// Replaces a file's content all at once: a new temporary file in the same folder (created, never opened through an
    /// existing name or link), flushed to disk, then renamed over the file.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
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
            File.Delete(temporary);
        }
    }
}
