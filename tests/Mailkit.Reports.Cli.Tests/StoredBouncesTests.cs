using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Tests;

/// <summary><c>stats</c> and <c>suppressions</c> read an export a row at a time into running totals, never whole.</summary>
public sealed class StoredBouncesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailkit-stored-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Finding", "R2-L6")]
    public async Task ReadAsync_Ndjson_HandsOverEachRowBeforeReadingTheNextLine()
    {
        var path = Path.Combine(_directory, "bounces.ndjson");
        await File.WriteAllLinesAsync(path, [Line(1, "a@example.cz"), Line(2, "b@example.cz"), "{not json"]);
        var read = new List<string>();

        await using var rows = StoredBounces.ReadAsync(path, ExportFormat.Ndjson, BounceClassifier.Default, taught: false, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());
        read.Add(rows.Current.Email);
        Assert.True(await rows.MoveNextAsync());
        read.Add(rows.Current.Email);
        await Assert.ThrowsAnyAsync<JsonException>(async () => await rows.MoveNextAsync());

        Assert.Equal(["a@example.cz", "b@example.cz"], read);
    }

    [Fact]
    [Trait("Finding", "R2-L6")]
    public async Task FoldAsync_SuppressionsOfAManyRowExport_HoldOneTotalPerAddress()
    {
        var path = Path.Combine(_directory, "bounces.ndjson");
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 5_000).Select(i => Line(i, $"user{i % 7}@example.cz")));
        var tally = new SuppressionTally(new SuppressionPolicy());
        var rows = 0;

        var exit = await StoredBounces.FoldAsync("suppressions", path, ExportFormat.Ndjson, BounceClassifier.Default, taught: false, row => { rows++; tally.Add(row); }, TextWriter.Null, CancellationToken.None);

        Assert.Null(exit);
        Assert.Equal(5_000, rows);
        Assert.Equal(7, tally.Addresses);
        var list = tally.Build();
        Assert.Equal(7, list.Count);
        Assert.All(list, s => Assert.Equal(BounceAdvice.Suppress, s.Advice));
        Assert.Equal(5_000, list.Sum(s => s.Bounces));
    }

    private static string Line(int id, string email) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["ID_UNDELIVERED_LOG"] = $"{id}",
        ["ID_SEND"] = $"{id}",
        ["EMAIL"] = email,
        ["STATUS"] = "5.1.1",
        ["TEXT_STATUS"] = "smtp; 550 5.1.1 User unknown",
        ["REMOTE_MTA"] = string.Empty,
        ["RECIPIENT_STATUS"] = "permanent",
    });
}
