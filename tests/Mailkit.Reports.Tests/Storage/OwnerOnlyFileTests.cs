using System.Text;
using Mailkit.Reports.Storage;

namespace Mailkit.Reports.Tests.Storage;

public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-owner-only-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteAtomicallyAsync_NewFile_HoldsTheContent_OwnerOnly_NoTemporaryFileLeft()
    {
        var path = Path.Combine(_directory, "cursor.json");

        await OwnerOnlyFile.WriteAtomicallyAsync(path, WriteText("{\"startId\":5}"), CancellationToken.None);

        Assert.Equal("{\"startId\":5}", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task WriteAtomicallyAsync_FileReadableByOthers_ReplacedByAnOwnerOnlyFile_AReaderOfTheOldOneKeepsItsContent()
    {
        var path = Path.Combine(_directory, "cursor.json");
        await File.WriteAllTextAsync(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await OwnerOnlyFile.WriteAtomicallyAsync(path, WriteText("new"), CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
        if (!OperatingSystem.IsWindows())
        {
            // The name now points at a new file; the old one was never rewritten in place.
            Assert.Equal("old", await new StreamReader(reader).ReadToEndAsync());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task WriteAtomicallyAsync_WriteFails_OldContentKept_NoTemporaryFileLeft()
    {
        var path = Path.Combine(_directory, "cursor.json");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<IOException>(() => OwnerOnlyFile.WriteAtomicallyAsync(
            path,
            async (stream, token) =>
            {
                await stream.WriteAsync("half"u8.ToArray(), token);
                throw new IOException("The disk is full.");
            },
            CancellationToken.None));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task WriteAtomicallyAsync_RenameFails_NoTemporaryFileLeft()
    {
        // A folder where the file should be: the content is written, and the rename over it fails.
        var path = Path.Combine(_directory, "cursor.json");
        Directory.CreateDirectory(path);

        await Assert.ThrowsAnyAsync<IOException>(() => OwnerOnlyFile.WriteAtomicallyAsync(path, WriteText("new"), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteAtomically_ReplacesTheText_OwnerOnly_NoTemporaryFileLeft()
    {
        var path = Path.Combine(_directory, "export.checkpoint");
        File.WriteAllText(path, "old");

        OwnerOnlyFile.WriteAtomically(path, "checkpoint 2\n");

        Assert.Equal("checkpoint 2\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void WriteAtomically_RenameFails_NoTemporaryFileLeft()
    {
        var path = Path.Combine(_directory, "export.checkpoint");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => OwnerOnlyFile.WriteAtomically(path, "checkpoint 2\n"));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    private static Func<Stream, CancellationToken, Task> WriteText(string text) =>
        (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask();
}
