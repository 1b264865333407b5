using System.Globalization;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.IntegrationTests;

/// <summary>The skip policy against the emulator over a loopback socket: bad values cost no extra call.</summary>
public class InvalidRecordTests
{
    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task Walk_PageWhereEveryRecordHasABadValue_AtMostTwoCalls(MailkitTransportKind transport)
    {
        var emulator = Emulated.Create();
        for (var id = 1; id <= 100; id++)
        {
            emulator.Add(Field("ID_UNDELIVERED_LOG", id.ToString(CultureInfo.InvariantCulture)), Field("EMAIL", $"r{id}@example.cz"), Field("ID_USER_LIST", "-1"));
        }

        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));
        var reported = new List<long>();
        var pages = new List<BouncePage>();

        await foreach (var page in client.GetRawBouncePagesAsync(new RawBouncesRequest { PageSize = 100, InvalidRecords = InvalidRecordHandling.Skip(r => reported.Add(r.UndeliveredLogId)) }))
        {
            pages.Add(page);
        }

        Assert.InRange(emulator.Requests.Count, 1, 2);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), reported);
        Assert.Empty(pages.SelectMany(p => p.Records));
        Assert.Equal(reported, pages.SelectMany(p => p.SkippedRecords).Select(r => r.UndeliveredLogId));
        Assert.Equal(101, pages[^1].NextStartId);
    }

    [Theory]
    [Trait("Finding", "R2-L7")]
    [InlineData(MailkitTransportKind.Json)]
    [InlineData(MailkitTransportKind.XmlRpc)]
    public async Task Walk_SomeBadValues_SameCallsAsWithoutThemAndEveryOtherRecordOnce(MailkitTransportKind transport)
    {
        var clean = Emulated.Create().AddGenerated(300, seed: 3);
        var emulator = Emulated.Create().AddGenerated(300, seed: 3);
        var bad = emulator.Bounces.Where((_, i) => i % 7 == 3).ToList();
        emulator.Add(bad.Select(b => new EmulatedBounce(b.Fields.Where(f => f.Key != "ID_USER_LIST").Append(Field("ID_USER_LIST", "-1")))));
        var badIds = bad.Select(b => b.UndeliveredLogId).ToList();

        var cleanCalls = await WalkAsync(clean, transport, InvalidRecordHandling.Throw);
        var (records, skipped, calls) = await WalkWithSkipsAsync(emulator, transport);

        Assert.Equal(cleanCalls, calls);
        Assert.Equal(badIds, skipped);
        Assert.Equal(clean.Bounces.Select(b => b.UndeliveredLogId).Except(badIds), records);
    }

    private static KeyValuePair<string, string> Field(string key, string value) => new(key, value);

    private static async Task<int> WalkAsync(MailkitEmulator emulator, MailkitTransportKind transport, InvalidRecordHandling handling)
    {
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));
        await Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 40, InvalidRecords = handling });
        return emulator.Requests.Count;
    }

    private static async Task<(List<long> Records, List<long> Skipped, int Calls)> WalkWithSkipsAsync(MailkitEmulator emulator, MailkitTransportKind transport)
    {
        await using var server = await emulator.StartServerAsync();
        using var client = new MailkitClient(Emulated.Options(server, transport));
        var skipped = new List<long>();
        var records = await Emulated.WalkAsync(client, new RawBouncesRequest { PageSize = 40, InvalidRecords = InvalidRecordHandling.Skip(r => skipped.Add(r.UndeliveredLogId)) });
        return (records.Select(r => r.UndeliveredLogId).ToList(), skipped, emulator.Requests.Count);
    }
}
