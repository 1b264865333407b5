using System.Globalization;
using System.Text.Json;
using static Mailkit.Reports.Testing.Tests.World.WorldCalls;

namespace Mailkit.Reports.Testing.Tests.World;

/// <summary><c>mailkit.campaigns.list</c>, <c>mailkit.report.campaign</c> and <c>mailkit.mailinglist.unsubscribed</c>.</summary>
[Trait("Issue", "25")]
public class CampaignAndListReportTests
{
    private const string List = "mailkit.campaigns.list";
    private const string Campaign = "mailkit.report.campaign";
    private const string Unsubscribed = "mailkit.mailinglist.unsubscribed";

    [Fact]
    public async Task CampaignsList_Json_TypesAsTheExampleShowsThem()
    {
        var emulator = new MailkitEmulator().AddWorld();

        var rows = JsonRows(await JsonAsync(emulator, List));

        Assert.Equal(emulator.World!.Campaigns.Select(c => c.CampaignId), rows.Select(r => r["ID_MESSAGE"].GetInt64()));
        string[] keys =
        [
            "NAME", "SUBJECT", "SUBJECT_B", "ID_MESSAGE", "MSG_TYPE", "CAMPAIGN_TYPE", "TYPE", "STATUS", "USE_AB", "TEST_MODE", "REPEAT", "SEND_DATE",
            "LAST_SENT", "TIME_ZONE", "REPEAT_COUNT", "PERIOD", "DAYS", "USER_LIST",
        ];
        Assert.All(rows, r => Assert.Equal(keys, r.Keys));
        Assert.All(rows, r => Assert.Equal("Europe/Prague", r.Text("TIME_ZONE")));
        Assert.All(rows, r => Assert.Contains(r["USE_AB"].ValueKind, new[] { JsonValueKind.True, JsonValueKind.False }));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r["REPEAT_COUNT"].ValueKind));
        Assert.All(rows, r => Assert.All(r["USER_LIST"].EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind)));
        Assert.Contains(rows, r => r["USER_LIST"].GetArrayLength() == 2);
        Assert.Contains(rows, r => r["USE_AB"].ValueKind == JsonValueKind.True);
        Assert.Equal(emulator.World.Campaigns.Select(c => c.Value("LAST_SENT")), rows.Select(r => r.Text("LAST_SENT")));
    }

    [Fact]
    public async Task CampaignsList_IdAtTheTopLevelOrInParameters_OneCampaign_UnknownIdEmpty()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var id = emulator.World!.Campaigns[2].CampaignId;

        var top = JsonRows(await JsonAsync(emulator, List, topLevel: $$""","ID_message":"{{id}}" """));
        var inParameters = JsonRows(await JsonAsync(emulator, List, $$"""{"ID_message":"{{id}}"}"""));

        Assert.Equal(id, Assert.Single(top)["ID_MESSAGE"].GetInt64());
        Assert.Equal(id, Assert.Single(inParameters)["ID_MESSAGE"].GetInt64());
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), emulator.Requests[0].Parameters["ID_message"]);
        Assert.Equal("[]", await JsonAsync(emulator, List, topLevel: ""","ID_message":"99" """));
    }

    [Fact]
    public async Task CampaignsList_XmlRpc_UserListIsOneI4_BooleansAreBooleans()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var twoLists = emulator.World!.Campaigns.First(c => c.UserListIds.Count == 2);

        var row = Assert.Single(XmlRows(await XmlAsync(emulator, List, Int(twoLists.CampaignId))));

        Assert.Equal(("USER_LIST", "i4", twoLists.UserListIds[0].ToString(CultureInfo.InvariantCulture)), row.Single(m => m.Key == "USER_LIST"));
        Assert.Equal("boolean", row.Single(m => m.Key == "USE_AB").Type);
        Assert.Equal("i4", row.Single(m => m.Key == "ID_MESSAGE").Type);
        Assert.Equal(emulator.World.Campaigns.Count, XmlRows(await XmlAsync(emulator, List)).Count);
    }

    [Fact]
    public async Task CampaignsList_NumbersAsJsonStrings_NumbersAreStrings()
    {
        var emulator = new MailkitEmulator { NumbersAsJsonStrings = true }.AddWorld();

        var row = JsonRows(await JsonAsync(emulator, List))[0];

        Assert.Equal(JsonValueKind.String, row["ID_MESSAGE"].ValueKind);
        Assert.Equal(JsonValueKind.String, row["USER_LIST"][0].ValueKind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Campaign_OneRowPerSend_FilteredByDay(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var campaign = emulator.World!.Campaigns[1];
        var sends = emulator.World.Sends.Where(s => s.CampaignId == campaign.CampaignId).ToList();
        var from = sends[1].Value("DATE")![..10];
        var to = sends[2].Value("DATE")![..10];

        var all = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Campaign, Int(campaign.CampaignId))).Select(r => r.Id("ID_SEND")).ToList()
            : JsonRows(await JsonAsync(emulator, Campaign, $$"""{"ID_message":"{{campaign.CampaignId}}"}""")).Select(r => r.Id("ID_SEND")).ToList();
        var ranged = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Campaign, Int(campaign.CampaignId), Str(from), Str(to))).Select(r => r.Id("ID_SEND")).ToList()
            : JsonRows(await JsonAsync(emulator, Campaign, $$"""{"ID_message":"{{campaign.CampaignId}}","range_from":"{{from}}","range_to":"{{to}}"}""")).Select(r => r.Id("ID_SEND")).ToList();
        var onlyTo = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Campaign, Int(campaign.CampaignId), Int(0), Str(to))).Select(r => r.Id("ID_SEND")).ToList()
            : JsonRows(await JsonAsync(emulator, Campaign, $$"""{"ID_message":"{{campaign.CampaignId}}","range_to":"{{to}}"}""")).Select(r => r.Id("ID_SEND")).ToList();

        Assert.Equal(sends.Select(s => s.SendId), all);
        Assert.Equal(sends.Skip(1).Take(2).Select(s => s.SendId), ranged);
        Assert.Equal(sends.Take(3).Select(s => s.SendId), onlyTo);
    }

    [Fact]
    public async Task Campaign_RowKeysAndCountsAsTheSendHolds()
    {
        var emulator = new MailkitEmulator().AddWorld();
        var send = emulator.World!.Sends[4];
        var messages = emulator.World.Messages.Where(m => m.SendId == send.SendId).ToList();

        var row = JsonRows(await JsonAsync(emulator, Campaign, $$"""{"ID_message":"{{send.CampaignId}}"}""")).Single(r => r.Id("ID_SEND") == send.SendId);

        Assert.Equal(["ID_SEND", "DATE", "SEND_COUNT", "DELIVERED_COUNT", "READ_COUNT"], row.Keys);
        Assert.Equal(messages.Count(m => m.SentAt is not null).ToString(CultureInfo.InvariantCulture), row.Text("SEND_COUNT"));
        Assert.Equal(messages.Count(m => m.RecipientStatus == "sent").ToString(CultureInfo.InvariantCulture), row.Text("DELIVERED_COUNT"));
        Assert.Equal(JsonValueKind.String, row["READ_COUNT"].ValueKind);
    }

    [Fact]
    public async Task Campaign_MissingOrBadParameters_AnsweredWithErrors()
    {
        var emulator = new MailkitEmulator().AddWorld();

        Assert.Equal("""{"error_status":1,"error":"Missing ID_message"}""", await JsonAsync(emulator, Campaign));
        Assert.Equal("""{"error_status":1,"error":"Invalid range_from"}""", await JsonAsync(emulator, Campaign, """{"ID_message":"20001","range_from":"1.10.2026"}"""));
        Assert.Equal("Missing ID_message", XmlError(await XmlAsync(emulator, Campaign, Int(0))));
        Assert.Equal("[]", await JsonAsync(emulator, Campaign, """{"ID_message":"99"}"""));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unsubscribed_RangeFrom_InclusiveByPragueDay(bool xmlRpc)
    {
        var emulator = new MailkitEmulator().AddWorld();
        var all = emulator.World!.Unsubscribes;
        var day = all[all.Count / 2].Value("DATE")![..10];

        var emails = xmlRpc
            ? XmlRows(await XmlAsync(emulator, Unsubscribed, Str(day))).Select(r => r.Single(m => m.Key == "DATE").Text).ToList()
            : JsonRows(await JsonAsync(emulator, Unsubscribed, $$"""{"range_from":"{{day}}"}""")).Select(r => r.Text("DATE")).ToList();

        Assert.Equal(all.Select(u => u.Value("DATE")!).Where(d => string.CompareOrdinal(d[..10], day) >= 0), emails);
        Assert.Contains(emails, d => d.StartsWith(day, StringComparison.Ordinal));
        Assert.Equal(day, emulator.Requests.Single().Parameters["range_from"]);
    }

    [Fact]
    public async Task Unsubscribed_ExclusiveSetting_LeavesOutTheDayItself_OmittedGivesAll()
    {
        var emulator = new MailkitEmulator { UnsubscribedRangeFromExclusive = true }.AddWorld();
        var all = emulator.World!.Unsubscribes;
        var day = all[all.Count / 2].Value("DATE")![..10];

        var dates = JsonRows(await JsonAsync(emulator, Unsubscribed, $$"""{"range_from":"{{day}}"}""")).Select(r => r.Text("DATE")).ToList();

        Assert.Equal(all.Select(u => u.Value("DATE")!).Where(d => string.CompareOrdinal(d[..10], day) > 0), dates);
        Assert.Equal(all.Count, JsonRows(await JsonAsync(emulator, Unsubscribed)).Count);
        Assert.Equal("""{"error_status":1,"error":"Invalid range_from"}""", await JsonAsync(emulator, Unsubscribed, """{"range_from":"yesterday"}"""));
    }

    [Fact]
    public async Task Unsubscribed_Types_GroupIsTextInJsonAndI4OrStringInXml()
    {
        var emulator = new MailkitEmulator().AddWorld();

        var json = JsonRows(await JsonAsync(emulator, Unsubscribed));
        var xml = XmlRows(await XmlAsync(emulator, Unsubscribed));

        Assert.All(json, r => Assert.Equal(["DATE", "ID_UNSUBSCRIBE_GROUP", "EMAIL"], r.Keys));
        Assert.All(json, r => Assert.All(r.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind)));
        var groups = xml.Select(r => r.Single(m => m.Key == "ID_UNSUBSCRIBE_GROUP")).ToList();
        Assert.Contains(groups, g => g.Type == "i4" && g.Text == "0");
        Assert.Contains(groups, g => g.Type == "string" && g.Text.Contains(',', StringComparison.Ordinal));
        Assert.Contains(groups, g => g.Type == "string" && g.Text.Length == 0);
        Assert.Contains(json, r => r.Text("EMAIL").StartsWith("+420", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsubscribed_NoWorld_EmptyArray()
    {
        var emulator = new MailkitEmulator();

        Assert.Equal("[]", await JsonAsync(emulator, Unsubscribed));
    }
}
