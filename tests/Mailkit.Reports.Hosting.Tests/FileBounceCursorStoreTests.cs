using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Tests;

public sealed class FileBounceCursorStoreTests : IDisposable
{
    private static readonly MailkitAccount Account = new(new Uri("https://api.mailkit.eu/"), 1001);
    private static readonly BounceSyncKey Eu = new("eu", Account, null, null);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mailkit-cursor-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task LoadAsync_NoFile_ReturnsNull()
    {
        using var store = new FileBounceCursorStore(_directory);
        Assert.Null(await store.LoadAsync(Eu, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsEveryField_AndLeavesOnlyTheCursorFile()
    {
        using var store = new FileBounceCursorStore(_directory);
        var cursor = new RawBouncesRequest { StartId = 4_294_967_296, CampaignId = 7, SendId = 9, PageSize = 500 };

        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 1 }, CancellationToken.None);
        await store.SaveAsync(Eu, cursor, CancellationToken.None);

        Assert.Equal(cursor, await store.LoadAsync(Eu, CancellationToken.None));
        Assert.Equal([store.GetFilePath("eu")], CursorAndTemporaryFiles());
    }

    [Fact]
    public async Task SaveAsync_Cancelled_KeepsTheOldCursor_AndNoTemporaryFile()
    {
        using var store = new FileBounceCursorStore(_directory);
        var old = new RawBouncesRequest { StartId = 42 };
        await store.SaveAsync(Eu, old, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Eu, new RawBouncesRequest { StartId = 43 }, new CancellationToken(canceled: true)));

        Assert.Equal(old, await store.LoadAsync(Eu, CancellationToken.None));
        Assert.Single(CursorAndTemporaryFiles());
    }

    [Fact]
    public async Task SaveAsync_WhileAnotherReaderLoads_TheReaderAlwaysSeesAWholeCursor()
    {
        using var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 0 }, CancellationToken.None);
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var cursor = await store.LoadAsync(Eu, CancellationToken.None);
                Assert.NotNull(cursor);
                reads++;
            }
        });

        for (var i = 1; i <= 300; i++)
        {
            await store.SaveAsync(Eu, new RawBouncesRequest { StartId = i, CampaignId = i % 2 == 0 ? null : 1_000_000_000_000 }, CancellationToken.None);
        }

        await done.CancelAsync();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(300, (await store.LoadAsync(Eu, CancellationToken.None))?.StartId);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\":1,\"startId\":12")]
    [InlineData("{\"version\":2,\"startId\":12,\"pageSize\":100}")]
    [InlineData("{\"version\":1,\"startId\":-5,\"pageSize\":100}")]
    [InlineData("{\"version\":1,\"startId\":12}")]
    [InlineData("{\"version\":1,\"startId\":12,\"pageSize\":100,\"cursor\":\"x\"}")]
    [InlineData("{\"version\":1,\"startId\":12,\"pageSize\":100,\"account\":{\"clientId\":1}}")]
    [InlineData("{\"version\":1,\"startId\":12,\"pageSize\":100,\"account\":{\"endpoint\":\"/relative\",\"clientId\":1}}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task LoadAsync_CorruptFile_ThrowsCorruptBounceCursorException_NamingTheFile(string content)
    {
        using var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(store.GetFilePath("eu"), content);

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync(Eu, CancellationToken.None));

        Assert.Equal(store.GetFilePath("eu"), ex.FilePath);
        Assert.Contains(store.GetFilePath("eu"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task SaveAsync_NewFolder_CreatesTheFolderAndTheCursorOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = new FileBounceCursorStore(Path.Combine(_directory, "cursors"));

        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 12 }, CancellationToken.None);
        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 13 }, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetFilePath("eu")));
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LoadAsync_FileOf1MiB_RefusedAsCorrupt_NamingTheFileAndItsSize()
    {
        using var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        var valid = "{\"version\":1,\"startId\":12,\"pageSize\":100}";
        await File.WriteAllTextAsync(store.GetFilePath("eu"), new string(' ', (1 << 20) - valid.Length) + valid);

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync(Eu, CancellationToken.None));

        Assert.Equal(store.GetFilePath("eu"), ex.FilePath);
        Assert.Contains("larger than 64 KiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LoadAsync_CursorThatIsADevice_RefusedAsCorrupt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        File.CreateSymbolicLink(store.GetFilePath("eu"), "/dev/zero");

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync(Eu, CancellationToken.None));

        Assert.Equal(store.GetFilePath("eu"), ex.FilePath);
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LoadAsync_TemporaryFilesLeftByACrash_RemovesThoseOlderThanADay_KeepsFreshOnes()
    {
        using var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 12 }, CancellationToken.None);
        var stale = $"{store.GetFilePath("eu")}.{Guid.NewGuid():N}.tmp";
        var fresh = $"{store.GetFilePath("eu")}.{Guid.NewGuid():N}.tmp";
        var staleOfAnotherSync = $"{store.GetFilePath("us")}.{Guid.NewGuid():N}.tmp";
        foreach (var path in new[] { stale, fresh, staleOfAnotherSync })
        {
            await File.WriteAllTextAsync(path, "{\"version\":1,");
        }

        File.SetLastWriteTimeUtc(stale, File.GetLastWriteTimeUtc(fresh).AddDays(-2));
        File.SetLastWriteTimeUtc(staleOfAnotherSync, File.GetLastWriteTimeUtc(fresh).AddDays(-2));

        Assert.Equal(12, (await store.LoadAsync(Eu, CancellationToken.None))?.StartId);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOfAnotherSync));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(store.GetFilePath("eu")));
    }

    [Fact]
    public async Task LoadAsync_CursorSavedForAnotherAccount_ThrowsTheTypedErrorNamingBothAccounts()
    {
        using var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 500 }, CancellationToken.None);

        var otherClient = await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync(new BounceSyncKey("eu", new MailkitAccount(new Uri("https://api.mailkit.eu/"), 1002), null, null), CancellationToken.None));
        var otherEndpoint = await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync(new BounceSyncKey("eu", new MailkitAccount(new Uri("https://eu.mailkit.example/"), 1001), null, null), CancellationToken.None));

        Assert.Equal(Account, otherClient.SavedAccount);
        Assert.Equal(1002, otherClient.CurrentAccount.ClientId);
        Assert.Equal("eu", otherClient.SyncName);
        Assert.Equal(store.GetFilePath("eu"), otherClient.Location);
        Assert.Contains("client 1001 at https://api.mailkit.eu/", otherClient.Message, StringComparison.Ordinal);
        Assert.Contains("client 1002 at https://api.mailkit.eu/", otherClient.Message, StringComparison.Ordinal);
        Assert.Contains("https://eu.mailkit.example/", otherEndpoint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SameAccount_ReturnsTheCursor_AndTheFileHoldsNoSecret()
    {
        using var store = new FileBounceCursorStore(_directory);
        var withUserInfo = new BounceSyncKey("eu", new MailkitAccount(new Uri("https://user:secret@api.mailkit.eu"), 1001), null, null);
        await store.SaveAsync(withUserInfo, new RawBouncesRequest { StartId = 500 }, CancellationToken.None);

        var cursor = await store.LoadAsync(Eu, CancellationToken.None);

        Assert.Equal(500, cursor?.StartId);
        var json = await File.ReadAllTextAsync(store.GetFilePath("eu"));
        Assert.Contains("\"account\":{\"endpoint\":\"https://api.mailkit.eu/\",\"clientId\":1001}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CursorFileWithoutAnAccount_TakenAsTheCurrentAccounts_UntilASaveRecordsIt()
    {
        using var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(store.GetFilePath("eu"), "{\"version\":1,\"startId\":500,\"pageSize\":100}");

        Assert.Equal(500, (await store.LoadAsync(Eu, CancellationToken.None))?.StartId);
        await store.SaveAsync(Eu, new RawBouncesRequest { StartId = 600 }, CancellationToken.None);

        await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync(new BounceSyncKey("eu", new MailkitAccount(new Uri("https://api.mailkit.eu/"), 1002), null, null), CancellationToken.None));
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task TwoStoresOverOneFolder_TheSecondCannotReadOrWriteTheSameSyncsCursor_UntilTheFirstIsDisposed()
    {
        var first = new FileBounceCursorStore(_directory);
        using var second = new FileBounceCursorStore(_directory);
        await first.SaveAsync(Eu, new RawBouncesRequest { StartId = 12 }, CancellationToken.None);

        var load = await Assert.ThrowsAsync<IOException>(() => second.LoadAsync(Eu, CancellationToken.None));
        var save = await Assert.ThrowsAsync<IOException>(() => second.SaveAsync(Eu, new RawBouncesRequest { StartId = 1 }, CancellationToken.None));
        var otherSync = await second.LoadAsync(new BounceSyncKey("us", Account, null, null), CancellationToken.None);
        first.Dispose();

        Assert.Contains("in use by another process", load.Message, StringComparison.Ordinal);
        Assert.Contains("eu.cursor.json.lock", save.Message, StringComparison.Ordinal);
        Assert.Null(otherSync);
        Assert.Equal(12, (await second.LoadAsync(Eu, CancellationToken.None))?.StartId);
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LockFile_OwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = new FileBounceCursorStore(_directory);
        await store.LoadAsync(Eu, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetFilePath("eu") + ".lock"));
    }

    [Theory]
    [InlineData("../escape", "..%2Fescape.cursor.json")]
    [InlineData("eu west", "eu%20west.cursor.json")]
    [InlineData("účet", "%C3%BA%C4%8Det.cursor.json")]
    [InlineData("eu-1_a.b", "eu-1_a.b.cursor.json")]
    public void GetFilePath_EscapesTheName_AndStaysInTheFolder(string syncName, string expectedFileName)
    {
        using var store = new FileBounceCursorStore(_directory);

        var path = store.GetFilePath(syncName);

        Assert.Equal(Path.Combine(store.Directory, expectedFileName), path);
    }

    [Fact]
    public async Task Arguments_NullOrEmpty_Refused()
    {
        using var store = new FileBounceCursorStore(_directory);

        Assert.Throws<ArgumentException>(() => new FileBounceCursorStore(string.Empty));
        Assert.Throws<ArgumentException>(() => new BounceSyncKey(string.Empty, Account, null, null));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.LoadAsync(null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync(Eu, null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(Eu, new RawBouncesRequest { PageSize = 0 }, CancellationToken.None));
    }

    private string[] CursorAndTemporaryFiles() => [.. Directory.GetFiles(_directory).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))];
}
