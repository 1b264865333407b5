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
