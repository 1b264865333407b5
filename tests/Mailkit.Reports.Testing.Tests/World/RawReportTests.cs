using System.Text.Json;
using static Mailkit.Reports.Testing.Tests.World.WorldCalls;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary><c>mailkit.report.raw.messages</c> and <c>mailkit.report.raw.responses</c> as the emulator serves them.</summary>
[Trait("Issue", "25")]
public class RawReportTests
{
    private const string Messages = "mailkit.report.raw.messages";
    private const string Responses = "mailkit.report.raw.responses";

    private static readonly string[] MessageKeys =
    [
        "ID_message", "ID_send", "ID_send_message", "ID_user_list", "ID_email", "ID_template", "type_message", "email", "email_date", "message_date",
        "date_sent", "ab_version", "message_status", "tld", "domain", "custom_1", "custom_2", "custom_3", "custom_4",
    ];

    private static readonly string[] ResponseKeys =
    [
        "ID_log", "date", "email", "ID_email", "ID_user_list", "ID_message", "ID_send", "ID_send_message", "ab_version", "domain", "tld", "type",
        "ID_url", "link_url", "link_type",
    ];

    [Fact]
    public async Task RawMessages_Json_KeysInOrderEveryValueAStringUnknownKeysSometimes()
    {
        var emulator = new MailkitEmulator().AddWorld();

        var rows = JsonRows(await JsonAsync(emulator, Messages));

        Assert.Equal(emulator.World!.Messages.Where(m => !m.Pruned).Select(m => m.SendMessageId), rows.Select(r => r.Id("ID_send_message")));
        Assert.All(rows, r => Assert.Equal(MessageKeys, r.Keys.Where(k => k != "s_country")));
        Assert.All(rows, r => Assert.All(r.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind)));
        Assert.Contains(rows, r => r.ContainsKey("s_country"));
        Assert.Contains(rows, r => !r.ContainsKey("s_country"));
        Assert.All(rows, r => Assert.Equal(string.Empty, r.Text("ID_template")));
        Assert.All(rows, r => Assert.Matches(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?$", r.Text("date_sent")));
    }

    [Fact]
    public async Task RawMessages_NumbersAsJsonNumbers_IdsAreNumbersOnBothTransports()
    {
        var emulator = new MailkitEmulator { NumbersAsJsonNumbers = true }.AddWorld();

        var json = JsonRows(await JsonAsync(emulator, Messages, """{"limit":"3"}"""));
        var xml = XmlRows(await XmlAsync(emulator, Messages, Int(0), Int(0), Int(0), Int(3)));

        Assert.All(json, r => Assert.Equal(JsonValueKind.Number, r["ID_send_message"].ValueKind));
        Assert.All(json, r => Assert.Equal(JsonValueKind.String, r["ID_template"].ValueKind));
        Assert.All(xml, r => Assert.Equal("i8", r.Single(m => m.Key == "ID_send_message").Type));
        Assert.All(xml, r => Assert.Equal("i4", r.Single(m => m.Key == "ID_send").Type));
    }

    [Fact]
    public async Task RawMessages_XmlRpc_StringsByDefault()
    {
        var emulator = new MailkitEmulator().AddWorld();

        var rows = XmlRows(await XmlAsync(emulator, Messages, Int(0), Int(0), Int(0), Int(5)));

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.All(r, m => Assert.Equal("string", m.Type)));
        Assert.All(rows, r => Assert.Equal(MessageKeys, r.Select(m => m.Key).Where(k => k != "s_country")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RawMessages_Cursor_InclusiveAscendingAndLimited(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var served = emulator.World!.Messages.Where(m => !m.Pruned).ToList();
        var start = served[100].SendMessageId;

        var ids = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Messages, Int(0), Int(0), Int(start), Int(7))).Select(r => r.Id("ID_send_message"))
            : JsonRows(await JsonAsync(emulator, Messages, $$"""{"ID_send_message":"{{start}}","limit":"7"}""")).Select(r => r.Id("ID_send_message"));

        Assert.Equal(served.Skip(100).Take(7).Select(m => m.SendMessageId), ids);
    }

    [Fact]
    public async Task RawMessages_ExclusiveStartAndPageCap_ApplyAsForBounces()
    {
        var emulator = new MailkitEmulator { ExclusiveStart = true, PageCap = 4 }.AddWorld();
        var served = emulator.World!.Messages.Where(m => !m.Pruned).ToList();

        var rows = JsonRows(await JsonAsync(emulator, Messages, $$"""{"ID_send_message":"{{served[10].SendMessageId}}","limit":"100"}"""));

        Assert.Equal(served.Skip(11).Take(4).Select(m => m.SendMessageId), rows.Select(r => r.Id("ID_send_message")));
    }

    [Fact]
    public async Task RawMessages_LimitAbove25000_Capped()
    {
        var emulator = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { Campaigns = 1, SendsPerCampaign = 3, RecipientsPerSend = 13_000 });

        var rows = JsonRows(await JsonAsync(emulator, Messages, """{"limit":"30000"}"""));

        Assert.Equal(25_000, rows.Count);
        Assert.Equal(25_000, emulator.Requests.Single().Records);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RawMessages_CampaignAndSendFilters_KeepOnlyTheirMessages(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = emulator.World!.Sends[5];

        var ids = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Messages, Int(send.CampaignId), Int(send.SendId))).Select(r => r.Id("ID_send_message"))
            : JsonRows(await JsonAsync(emulator, Messages, $$"""{"ID_message":"{{send.CampaignId}}","ID_send":"{{send.SendId}}"}""")).Select(r => r.Id("ID_send_message"));

        Assert.Equal(emulator.World.Messages.Where(m => m.SendId == send.SendId).Select(m => m.SendMessageId), ids);
        var request = emulator.Requests.Single();
        Assert.Equal(send.SendId.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Parameters["ID_send"]);
        Assert.Equal(2, request.Parameters.Count);
    }

    [Fact]
    public async Task RawMessages_PrunedSend_NotServed()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var pruned = emulator.World!.Sends[0];

        Assert.Equal("{}", await JsonAsync(emulator, Messages, $$"""{"ID_send":"{{pruned.SendId}}"}"""));
    }

    [Fact]
    public async Task RawMessages_NothingFromTheStart_EmptyObjectOrTheShapeSet()
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.Equal("{}", await JsonAsync(emulator, Messages, """{"ID_send_message":"9999999999"}"""));
        Assert.Empty(XmlRows(await XmlAsync(emulator, Messages, Int(0), Int(0), Int(9_999_999_999))));
        emulator.EmptyAnswer = EmulatorEmptyAnswer.EmptyArray;
        Assert.Equal("[]", await JsonAsync(emulator, Messages, """{"ID_send_message":"9999999999"}"""));
        emulator.EmptyAnswer = EmulatorEmptyAnswer.EmptyObject;
        Assert.Contains("<struct>", await XmlAsync(emulator, Messages, Int(0), Int(0), Int(9_999_999_999)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawResponses_Json_KeysTypesAndAscendingLog()
    {
        var emulator = new MailkitEmulator().AddWorld();

        var rows = JsonRows(await JsonAsync(emulator, Responses));

        Assert.Equal(emulator.World!.Responses.Select(r => r.LogId), rows.Select(r => r.Id("ID_log")));
        Assert.All(rows, r => Assert.Equal(ResponseKeys, r.Keys));
        Assert.All(rows, r => Assert.All(r.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind)));
        Assert.All(rows, r => Assert.Contains(r.Text("type"), new[] { "open", "click", "unsubscribe" }));
        Assert.All(rows.Where(r => r.Text("type") == "click"), r => Assert.StartsWith("https://", r.Text("link_url"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RawResponses_CursorIsTheLogId_InclusiveAscendingLimited(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var all = emulator.World!.Responses;
        var start = all[20].LogId;

        var ids = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Responses, Int(0), Int(0), Int(0), Int(start), Int(6))).Select(r => r.Id("ID_log"))
            : JsonRows(await JsonAsync(emulator, Responses, $$"""{"ID_log":"{{start}}","limit":"6"}""")).Select(r => r.Id("ID_log"));

        Assert.Equal(all.Skip(20).Take(6).Select(r => r.LogId), ids);
    }

    [Fact]
    public async Task RawResponses_ExclusiveStartAndPageCap_ApplyAsForBounces()
    {
        var emulator = new MailkitEmulator { ExclusiveStart = true, PageCap = 3 }.AddWorld();
        var all = emulator.World!.Responses;

        var rows = XmlRows(await XmlAsync(emulator, Responses, Int(0), Int(0), Int(0), Int(all[7].LogId), Int(50)));

        Assert.Equal(all.Skip(8).Take(3).Select(r => r.LogId), rows.Select(r => r.Id("ID_log")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RawResponses_SendMessageId_IsAFilterNotTheCursor(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var message = emulator.World!.Responses.GroupBy(r => r.SendMessageId).First(g => g.Count() > 1).Key;

        var ids = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Responses, Int(0), Int(0), Int(message))).Select(r => r.Id("ID_send_message"))
            : JsonRows(await JsonAsync(emulator, Responses, $$"""{"ID_send_message":"{{message}}"}""")).Select(r => r.Id("ID_send_message"));

        Assert.Equal(emulator.World.Responses.Where(r => r.SendMessageId == message).Select(r => r.SendMessageId), ids);
        Assert.True(ids.Count() > 1);
    }

    [Fact]
    public async Task RawResponses_XmlRpc_UnsetMiddleSlotsAreZero_TrailingOnesLeftOut()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = emulator.World!.Sends[3];

        var rows = XmlRows(await XmlAsync(emulator, Responses, Int(0), Int(send.SendId)));

        Assert.Equal(emulator.World.Responses.Where(r => r.SendId == send.SendId).Select(r => r.LogId), rows.Select(r => r.Id("ID_log")));
        Assert.All(rows, r => Assert.All(r, m => Assert.Equal("string", m.Type)));
        var request = emulator.Requests.Single();
        Assert.Equal(["ID_message", "ID_send"], request.Parameters.Keys.Order(StringComparer.Ordinal));
    }
}
