using System.Globalization;
using System.Text.Json;
using static Mailkit.Reports.Testing.Tests.World.WorldCalls;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary><c>mailkit.report.message.bounces</c> and <c>mailkit.report.message.recipients</c>: one send per call, no paging.</summary>
[Trait("Issue", "25")]
public class PerSendReportTests
{
    private const string Bounces = "mailkit.report.message.bounces";
    private const string Recipients = "mailkit.report.message.recipients";

    [Fact]
    public async Task MessageBounces_Json_IdsAreNumbersDateIsTheBounceNoSendId()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = SendWithBounces(emulator);

        var rows = JsonRows(await JsonAsync(emulator, Bounces, $$"""{"ID_send":"{{send}}"}"""));

        var expected = emulator.World!.MessageBounces.Where(b => b.SendId == send).OrderBy(b => b.BouncedAt).ToList();
        Assert.Equal(expected.Select(b => b.SendMessageId), rows.Select(r => r.Id("ID_SEND_MESSAGE")));
        Assert.All(rows, r => Assert.Equal(["EMAIL", "ID_EMAIL", "ID_USER_LIST", "ID_SEND_MESSAGE", "DATE", "STATUS", "EMAIL_STATUS"], r.Keys));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r["ID_EMAIL"].ValueKind));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r["ID_SEND_MESSAGE"].ValueKind));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.String, r["DATE"].ValueKind));
        Assert.All(rows, r => Assert.Contains(r.Text("EMAIL_STATUS"), new[] { "permanent", "temporary" }));
        Assert.Equal(expected.Select(b => b.Value("DATE")), rows.Select(r => r.Text("DATE")));
    }

    [Fact]
    public async Task MessageBounces_NumbersAsJsonStrings_IdsAreStrings()
    {
        var emulator = new MailkitEmulator { NumbersAsJsonStrings = true }.AddWorld();

        var rows = JsonRows(await JsonAsync(emulator, Bounces, $$"""{"ID_send":"{{SendWithBounces(emulator)}}"}"""));

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.All(r.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind)));
    }

    [Fact]
    public async Task MessageBounces_XmlRpc_IdsAreIntegers()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = SendWithBounces(emulator);

        var rows = XmlRows(await XmlAsync(emulator, Bounces, Int(send)));

        Assert.Equal(emulator.World!.MessageBounces.Count(b => b.SendId == send), rows.Count);
        Assert.All(rows, r => Assert.Equal("i8", r.Single(m => m.Key == "ID_SEND_MESSAGE").Type));
        Assert.All(rows, r => Assert.Equal("i4", r.Single(m => m.Key == "ID_USER_LIST").Type));
        Assert.All(rows, r => Assert.Equal("string", r.Single(m => m.Key == "DATE").Type));
        Assert.Equal(send.ToString(CultureInfo.InvariantCulture), emulator.Requests.Single().Parameters["ID_send"]);
    }

    [Theory]
    [InlineData(Bounces)]
    [InlineData(Recipients)]
    public async Task PerSend_MissingZeroUnknownOrBadSend_AnsweredWithMailkitsErrors(string function)
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.Equal("""{"error_status":1,"error":"Missing ID_send"}""", await JsonAsync(emulator, function));
        Assert.Equal("""{"error_status":1,"error":"Missing ID_send"}""", await JsonAsync(emulator, function, """{"ID_send":"0"}"""));
        Assert.Equal("""{"error_status":1,"error":"Invalid ID_send"}""", await JsonAsync(emulator, function, """{"ID_send":"12"}"""));
        Assert.Equal("""{"error_status":1,"error":"Invalid ID_send"}""", await JsonAsync(emulator, function, """{"ID_send":"abc"}"""));
        Assert.Equal("Missing ID_send", XmlError(await XmlAsync(emulator, function)));
        Assert.Equal("Missing ID_send", XmlError(await XmlAsync(emulator, function, Int(0))));
        Assert.Equal("Invalid ID_send", XmlError(await XmlAsync(emulator, function, Int(12))));
    }

    [Fact]
    public async Task MessageBounces_SendWithoutBounces_EmptyArrayOrTheShapeSet()
    {
        var emulator = new MailkitEmulator().AddWorld(new EmulatedWorldOptions { RecipientsPerSend = 3 });
        var quiet = emulator.World!.Sends.First(s => !emulator.World.MessageBounces.Any(b => b.SendId == s.SendId)).SendId;

        Assert.Equal("[]", await JsonAsync(emulator, Bounces, $$"""{"ID_send":"{{quiet}}"}"""));
        Assert.Empty(XmlRows(await XmlAsync(emulator, Bounces, Int(quiet))));
        emulator.EmptyAnswer = EmulatorEmptyAnswer.EmptyObject;
        Assert.Equal("{}", await JsonAsync(emulator, Bounces, $$"""{"ID_send":"{{quiet}}"}"""));
    }

    [Fact]
    public async Task MessageRecipients_Json_EveryValueAStringWaitingRowsWithoutDate()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = emulator.World!.Sends[^1];

        var rows = JsonRows(await JsonAsync(emulator, Recipients, $$"""{"ID_send":"{{send.SendId}}"}"""));

        Assert.Equal(emulator.World.Messages.Where(m => m.SendId == send.SendId).Select(m => m.SendMessageId), rows.Select(r => r.Id("ID_SEND_MESSAGE")));
        Assert.All(rows, r => Assert.Equal(["DATE", "READ_COUNT", "STATUS", "ID_EMAIL", "EMAIL", "CLICK_COUNT", "ID_SEND_MESSAGE", "AB_VERSION"], r.Keys));
        Assert.All(rows, r => Assert.All(r.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind)));
        Assert.All(rows.Where(r => r.Text("STATUS").StartsWith("wait", StringComparison.Ordinal)), r => Assert.Equal(string.Empty, r.Text("DATE")));
        Assert.Contains(rows, r => r.Text("STATUS") == "wait");
        Assert.Contains(rows, r => r.Text("STATUS") == "sent" && r.Text("DATE").Length == 19);
    }

    [Fact]
    public async Task MessageRecipients_XmlRpc_CountsAndIdsAreI4OrI8()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = SendWithBounces(emulator);

        var rows = XmlRows(await XmlAsync(emulator, Recipients, Int(send)));

        Assert.Equal(emulator.World!.Messages.Count(m => m.SendId == send), rows.Count);
        Assert.All(rows, r => Assert.Equal("i4", r.Single(m => m.Key == "READ_COUNT").Type));
        Assert.All(rows, r => Assert.Equal("i8", r.Single(m => m.Key == "ID_EMAIL").Type));
        Assert.All(rows, r => Assert.Equal("string", r.Single(m => m.Key == "STATUS").Type));
        Assert.Contains(rows, r => r.Single(m => m.Key == "STATUS").Text == "failed");
    }

    private static long SendWithBounces(MailkitEmulator emulator) => emulator.World!.MessageBounces.GroupBy(b => b.SendId).MaxBy(g => g.Count())!.Key;
}
