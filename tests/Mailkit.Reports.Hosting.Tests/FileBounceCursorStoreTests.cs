using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Tests;

public sealed class FileBounceCursorStoreTests : IDisposable
{
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
        Assert.Null(await new FileBounceCursorStore(_directory).LoadAsync("eu", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsEveryField_AndLeavesOnlyTheCursorFile()
    {
        var store = new FileBounceCursorStore(_directory);
        var cursor = new RawBouncesRequest { StartId = 4_294_967_296, CampaignId = 7, SendId = 9, PageSize = 500 };

        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 1 }, CancellationToken.None);
        await store.SaveAsync("eu", cursor, CancellationToken.None);

        Assert.Equal(cursor, await store.LoadAsync("eu", CancellationToken.None));
        Assert.Equal([store.GetFilePath("eu")], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task SaveAsync_Cancelled_KeepsTheOldCursor_AndNoTemporaryFile()
    {
        var store = new FileBounceCursorStore(_directory);
        var old = new RawBouncesRequest { StartId = 42 };
        await store.SaveAsync("eu", old, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync("eu", new RawBouncesRequest { StartId = 43 }, new CancellationToken(canceled: true)));

        Assert.Equal(old, await store.LoadAsync("eu", CancellationToken.None));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task SaveAsync_WhileAnotherReaderLoads_TheReaderAlwaysSeesAWholeCursor()
    {
        var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 0 }, CancellationToken.None);
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var cursor = await store.LoadAsync("eu", CancellationToken.None);
                Assert.NotNull(cursor);
                reads++;
            }
        });

        for (var i = 1; i <= 300; i++)
        {
            await store.SaveAsync("eu", new RawBouncesRequest { StartId = i, CampaignId = i % 2 == 0 ? null : 1_000_000_000_000 }, CancellationToken.None);
        }

        await done.CancelAsync();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(300, (await store.LoadAsync("eu", CancellationToken.None))?.StartId);
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
        var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(store.GetFilePath("eu"), content);

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync("eu", CancellationToken.None));

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

        var store = new FileBounceCursorStore(Path.Combine(_directory, "cursors"));

        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 12 }, CancellationToken.None);
        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 13 }, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.GetFilePath("eu")));
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LoadAsync_FileOf1MiB_RefusedAsCorrupt_NamingTheFileAndItsSize()
    {
        var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        var valid = "{\"version\":1,\"startId\":12,\"pageSize\":100}";
        await File.WriteAllTextAsync(store.GetFilePath("eu"), new string(' ', (1 << 20) - valid.Length) + valid);

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync("eu", CancellationToken.None));

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

        var store = new FileBounceCursorStore(_directory);
        Directory.CreateDirectory(_directory);
        File.CreateSymbolicLink(store.GetFilePath("eu"), "/dev/zero");

        var ex = await Assert.ThrowsAsync<CorruptBounceCursorException>(() => store.LoadAsync("eu", CancellationToken.None));

        Assert.Equal(store.GetFilePath("eu"), ex.FilePath);
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Finding", "R2-L9")]
    public async Task LoadAsync_TemporaryFilesLeftByACrash_RemovesThoseOlderThanADay_KeepsFreshOnes()
    {
        var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 12 }, CancellationToken.None);
        var stale = $"{store.GetFilePath("eu")}.{Guid.NewGuid():N}.tmp";
        var fresh = $"{store.GetFilePath("eu")}.{Guid.NewGuid():N}.tmp";
        var staleOfAnotherSync = $"{store.GetFilePath("us")}.{Guid.NewGuid():N}.tmp";
        foreach (var path in new[] { stale, fresh, staleOfAnotherSync })
        {
            await File.WriteAllTextAsync(path, "{\"version\":1,");
        }

        File.SetLastWriteTimeUtc(stale, File.GetLastWriteTimeUtc(fresh).AddDays(-2));
        File.SetLastWriteTimeUtc(staleOfAnotherSync, File.GetLastWriteTimeUtc(fresh).AddDays(-2));

        Assert.Equal(12, (await store.LoadAsync("eu", CancellationToken.None))?.StartId);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOfAnotherSync));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(store.GetFilePath("eu")));
    }

    [Fact]
    public async Task LoadAsync_CursorSavedForAnotherAccount_ThrowsTheTypedErrorNamingBothAccounts()
    {
        var store = new FileBounceCursorStore(_directory);
        var saved = new BounceCursorAccount(new Uri("https://api.mailkit.eu/"), 1001);
        await store.SaveAsync("eu", saved, new RawBouncesRequest { StartId = 500 }, CancellationToken.None);

        var otherClient = await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync("eu", new BounceCursorAccount(new Uri("https://api.mailkit.eu/"), 1002), CancellationToken.None));
        var otherEndpoint = await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync("eu", new BounceCursorAccount(new Uri("https://eu.mailkit.example/"), 1001), CancellationToken.None));

        Assert.Equal(saved, otherClient.SavedAccount);
        Assert.Equal(1002, otherClient.CurrentAccount?.ClientId);
        Assert.Equal(store.GetFilePath("eu"), otherClient.Location);
        Assert.Contains("client 1001 at https://api.mailkit.eu/", otherClient.Message, StringComparison.Ordinal);
        Assert.Contains("client 1002 at https://api.mailkit.eu/", otherClient.Message, StringComparison.Ordinal);
        Assert.Contains("https://eu.mailkit.example/", otherEndpoint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SameAccount_ReturnsTheCursor_AndTheFileHoldsNoSecret()
    {
        var store = new FileBounceCursorStore(_directory);
        await store.SaveAsync("eu", new BounceCursorAccount(new Uri("https://user:secret@api.mailkit.eu"), 1001), new RawBouncesRequest { StartId = 500 }, CancellationToken.None);

        var cursor = await store.LoadAsync("eu", new BounceCursorAccount(new Uri("https://api.mailkit.eu/"), 1001), CancellationToken.None);

        Assert.Equal(500, cursor?.StartId);
        var json = await File.ReadAllTextAsync(store.GetFilePath("eu"));
        Assert.Contains("\"account\":{\"endpoint\":\"https://api.mailkit.eu/\",\"clientId\":1001}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CursorSavedWithoutAnAccount_TakenAsTheCurrentAccounts_UntilASaveRecordsIt()
    {
        var store = new FileBounceCursorStore(_directory);
        var account = new BounceCursorAccount(new Uri("https://api.mailkit.eu/"), 1001);
        await store.SaveAsync("eu", new RawBouncesRequest { StartId = 500 }, CancellationToken.None);

        Assert.Equal(500, (await store.LoadAsync("eu", account, CancellationToken.None))?.StartId);
        await store.SaveAsync("eu", account, new RawBouncesRequest { StartId = 600 }, CancellationToken.None);

        await Assert.ThrowsAsync<BounceCursorAccountMismatchException>(
            () => store.LoadAsync("eu", new BounceCursorAccount(new Uri("https://api.mailkit.eu/"), 1002), CancellationToken.None));
        Assert.Equal(600, (await store.LoadAsync("eu", CancellationToken.None))?.StartId);
    }

    [Theory]
    [InlineData("../escape", "..%2Fescape.cursor.json")]
    [InlineData("eu west", "eu%20west.cursor.json")]
    [InlineData("účet", "%C3%BA%C4%8Det.cursor.json")]
    [InlineData("eu-1_a.b", "eu-1_a.b.cursor.json")]
    public void GetFilePath_EscapesTheName_AndStaysInTheFolder(string syncName, string expectedFileName)
    {
        var store = new FileBounceCursorStore(_directory);

        var path = store.GetFilePath(syncName);

        Assert.Equal(Path.Combine(store.Directory, expectedFileName), path);
    }

    [Fact]
    public async Task Arguments_NullOrEmpty_Refused()
    {
        var store = new FileBounceCursorStore(_directory);

        Assert.Throws<ArgumentException>(() => new FileBounceCursorStore(string.Empty));
        await Assert.ThrowsAsync<ArgumentException>(() => store.LoadAsync(string.Empty, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync("eu", null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync("eu", new RawBouncesRequest { PageSize = 0 }, CancellationToken.None));
    }
}
