using System.Text;
using System.Text.Json;
using Mailkit.Reports.Hosting.Internal;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting;

/// <summary>
/// Keeps each sync's cursor in a small JSON file of its own, <c>&lt;sync name&gt;.cursor.json</c>, in one folder. A save
/// is atomic: the cursor is written to a temporary file, flushed to the disk, then renamed over the old one, so a crash
/// leaves either the old cursor or the new one, never a mix.
/// </summary>
/// <remarks>
/// Delivery with this store is at least once: see <see cref="IBounceHandler"/>. A file that cannot be read as a cursor
/// raises <see cref="CorruptBounceCursorException"/> rather than starting again from the beginning.
/// </remarks>
public sealed class FileBounceCursorStore : IBounceCursorStore
{
    private const string Suffix = ".cursor.json";

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

    /// <summary>Gets the path of a sync's cursor file. Characters other than ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c> are written as <c>%XX</c>.</summary>
    /// <param name="syncName">The sync's name.</param>
    /// <returns>The full path of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="syncName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="syncName"/> is empty.</exception>
    public string GetFilePath(string syncName)
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

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="syncName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="syncName"/> is empty.</exception>
    /// <exception cref="CorruptBounceCursorException">The file exists but does not hold a valid cursor.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RawBouncesRequest?> LoadAsync(string syncName, CancellationToken cancellationToken)
    {
        var path = GetFilePath(syncName);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return CursorFile.Parse(path, bytes);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="syncName"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="cursor"/> is out of range.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task SaveAsync(string syncName, RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        cursor.Validate(nameof(cursor));
        var path = GetFilePath(syncName);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, CursorFile.From(cursor), CursorFileJsonContext.Default.CursorFile, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
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
