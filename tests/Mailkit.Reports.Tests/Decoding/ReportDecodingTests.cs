using System.Net;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>
/// The answers of every report function as the spec describes them, over both transports: keys in their documented
/// letter case and in another, numbers as strings and as numbers, unknown keys kept, empty answers and errors.
/// </summary>
public class ReportDecodingTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    public static TheoryData<MailkitTransportKind> Transports => new() { MailkitTransportKind.Json, MailkitTransportKind.XmlRpc };

    // ---- mailkit.report.raw.messages ----

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_SpecJsonExample_EveryFieldTypedAndCustomFieldsKept()
    {
        const string body = """
            [{"ID_message":"123456","ID_send":"123456","ID_send_message":"1234567890","ID_user_list":"","ID_email":"1234567890",
              "ID_template":"","type_message":"email","email":"email@example.com","email_date":"2001-01-01 01:01:01",
              "message_date":"2016-01-01 01:01:00","date_sent":"2016-01-01 01:01:01","ab_version":"","message_status":"sent",
              "tld":"com","domain":"example.com","custom_1":"","custom_2":"","custom_3":"","custom_4":"x"}]
            """;

        var page = await Client(MailkitTransportKind.Json, body).GetRawMessagesAsync(new RawMessagesRequest());

        var record = Assert.Single(page.Records);
        Assert.Equal(1234567890, record.SendMessageId);
        Assert.Equal(123456, record.CampaignId);
        Assert.Equal(123456, record.SendId);
        Assert.Null(record.MailingListId);
        Assert.Equal(1234567890, record.RecipientId);
        Assert.Null(record.TemplateId);
        Assert.Equal("email", record.MessageType);
        Assert.Equal("email@example.com", record.Email);
        Assert.Equal(new DateTimeOffset(2001, 1, 1, 1, 1, 1, Winter), record.EmailDate);
        Assert.Equal("2001-01-01 01:01:01", record.EmailDateText);
        Assert.Equal(new DateTimeOffset(2016, 1, 1, 1, 1, 0, Winter), record.MessageDate);
        Assert.Equal(new DateTimeOffset(2016, 1, 1, 1, 1, 1, Winter), record.DateSent);
        Assert.Equal("2016-01-01 01:01:01", record.DateSentText);
        Assert.Equal(string.Empty, record.AbVersion);
        Assert.Equal("sent", record.MessageStatus);
        Assert.Equal("com", record.Tld);
        Assert.Equal("example.com", record.Domain);
        Assert.Equal(["custom_1", "custom_2", "custom_3", "custom_4"], record.ExtraFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("x", record.ExtraFields["custom_4"]);
        Assert.Equal(new RawMessagesRequest { StartId = 1234567891 }, page.NextRequest);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_KeysInOtherLetterCase_ReadAsTheDocumentedKeys(MailkitTransportKind transport)
    {
        var body = Records(
            transport,
            [("ID_SEND_MESSAGE", S("77")), ("Id_Message", S("5")), ("EMAIL", S("a@seznam.cz")), ("DATE_SENT", S("2026-07-01 10:00:00")), ("Domain", S("seznam.cz"))]);

        var record = Assert.Single((await Client(transport, body).GetRawMessagesAsync(new RawMessagesRequest())).Records);

        Assert.Equal(77, record.SendMessageId);
        Assert.Equal(5, record.CampaignId);
        Assert.Equal("a@seznam.cz", record.Email);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, Summer), record.DateSent);
        Assert.Equal("seznam.cz", record.Domain);
        Assert.Empty(record.ExtraFields);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_JsonNumbersAsNumbers_ReadAsStrings()
    {
        const string body = """[{"ID_send_message":9007199254740993,"ID_message":12,"ID_send":"13","ID_email":14,"ID_user_list":0,"email":"a@b.cz"}]""";

        var record = Assert.Single((await Client(MailkitTransportKind.Json, body).GetRawMessagesAsync(new RawMessagesRequest())).Records);

        Assert.Equal(9_007_199_254_740_993, record.SendMessageId);
        Assert.Equal(12, record.CampaignId);
        Assert.Equal(13, record.SendId);
        Assert.Equal(14, record.RecipientId);
        Assert.Equal(0, record.MailingListId);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_XmlIdsAsI4I8AndString_AllRead()
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [("ID_send_message", "<i8>9007199254740993</i8>"), ("ID_message", "<i4>12</i4>"), ("ID_send", "<string>13</string>"), ("ID_email", "<int>14</int>"), ("ID_template", "<string></string>")]);

        var record = Assert.Single((await Client(MailkitTransportKind.XmlRpc, body).GetRawMessagesAsync(new RawMessagesRequest())).Records);

        Assert.Equal(9_007_199_254_740_993, record.SendMessageId);
        Assert.Equal(12, record.CampaignId);
        Assert.Equal(13, record.SendId);
        Assert.Equal(14, record.RecipientId);
        Assert.Null(record.TemplateId);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_UnknownKeys_KeptVerbatimInExtraFields(MailkitTransportKind transport)
    {
        var body = Records(transport, [("ID_send_message", S("1")), ("s_browser", S("Firefox")), ("preview_url", S("https://x.example/p?a=1&b=2")), ("custom_25", S(""))]);

        var record = Assert.Single((await Client(transport, body).GetRawMessagesAsync(new RawMessagesRequest())).Records);

        Assert.Equal("Firefox", record.ExtraFields["s_browser"]);
        Assert.Equal("https://x.example/p?a=1&b=2", record.ExtraFields["preview_url"]);
        Assert.Equal(string.Empty, record.ExtraFields["custom_25"]);
        Assert.Equal(3, record.ExtraFields.Count);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_SmsMessage_PhoneNumberKeptAsTheAddress(MailkitTransportKind transport)
    {
        var body = Records(transport, [("ID_send_message", S("1")), ("type_message", S("sms")), ("email", S("+420777123456"))]);

        var record = Assert.Single((await Client(transport, body).GetRawMessagesAsync(new RawMessagesRequest())).Records);

        Assert.Equal("sms", record.MessageType);
        Assert.Equal("+420777123456", record.Email);
    }

    [Theory]
    [MemberData(nameof(EmptyAnswers))]
    [Trait("Issue", "25")]
    public async Task PagedReports_EmptyAnswer_NoRecordsAndTheSameStart(MailkitTransportKind transport, string body)
    {
        var messages = await Client(transport, body).GetRawMessagesAsync(new RawMessagesRequest { StartId = 500 });
        var responses = await Client(transport, body).GetRawResponsesAsync(new RawResponsesRequest { StartId = 700 });

        Assert.Empty(messages.Records);
        Assert.Equal(500, messages.NextRequest.StartId);
        Assert.Empty(responses.Records);
        Assert.Equal(700, responses.NextRequest.StartId);
    }

    [Theory]
    [MemberData(nameof(EmptyAnswers))]
    [Trait("Issue", "25")]
    public async Task WholeReports_EmptyAnswer_EmptyList(MailkitTransportKind transport, string body)
    {
        Assert.Empty(await Client(transport, body).GetMessageBouncesAsync(1));
        Assert.Empty(await Client(transport, body).GetMessageRecipientsAsync(1));
        Assert.Empty(await Client(transport, body).GetCampaignsAsync(99));
        Assert.Empty(await Client(transport, body).GetCampaignSendsAsync(1));
        Assert.Empty((await Client(transport, body).GetUnsubscribesAsync(new UnsubscribesRequest())).Records);
    }

    public static TheoryData<MailkitTransportKind, string> EmptyAnswers => new()
    {
        { MailkitTransportKind.Json, "[]" },
        { MailkitTransportKind.Json, "{}" },
        { MailkitTransportKind.Json, " [ ] " },
        { MailkitTransportKind.XmlRpc, Response("<array><data/></array>") },
        { MailkitTransportKind.XmlRpc, Response("<array><data></data></array>") },
        { MailkitTransportKind.XmlRpc, Response("<struct></struct>") },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task EveryReport_InvalidSendError_ThrowsApiExceptionWithoutTheMd5(MailkitTransportKind transport)
    {
        var body = transport == MailkitTransportKind.Json ? """{"error_status":1,"error":"Invalid ID_send"}""" : Response("<string>Invalid ID_send</string>");
        Func<MailkitClient, Task>[] calls =
        [
            c => c.GetRawMessagesAsync(new RawMessagesRequest { SendId = 3 }),
            c => c.GetRawResponsesAsync(new RawResponsesRequest { SendId = 3 }),
            c => c.GetMessageBouncesAsync(3),
            c => c.GetMessageRecipientsAsync(3),
            c => c.GetCampaignsAsync(3),
            c => c.GetCampaignSendsAsync(3),
            c => c.GetUnsubscribesAsync(new UnsubscribesRequest()),
            c => DrainAsync(c.GetAllRawMessagesAsync(new RawMessagesRequest())),
            c => DrainAsync(c.GetAllRawResponsesAsync(new RawResponsesRequest())),
        ];

        foreach (var call in calls)
        {
            using var client = Client(transport, body);
            var ex = await Assert.ThrowsAsync<MailkitApiException>(() => call(client));

            Assert.Equal("Invalid ID_send", ex.ApiMessage);
            Assert.False(ex.IsTransient);
            AssertNoPartOfTheMd5(TestSupport.AllMessages(ex));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task EveryReport_ServerEchoesTheRequest_NoPartOfTheMd5InTheException(MailkitTransportKind transport)
    {
        Func<MailkitClient, Task>[] calls =
        [
            c => c.GetRawMessagesAsync(new RawMessagesRequest()),
            c => c.GetRawResponsesAsync(new RawResponsesRequest()),
            c => c.GetMessageBouncesAsync(3),
            c => c.GetMessageRecipientsAsync(3),
            c => c.GetCampaignsAsync(),
            c => c.GetCampaignSendsAsync(3, new DateOnly(2026, 1, 1)),
            c => c.GetUnsubscribesAsync(new UnsubscribesRequest()),
        ];
        foreach (var status in new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest })
        {
            foreach (var call in calls)
            {
                var handler = TestSupport.StrictHandler();
                handler.When("*").Respond(async request => new HttpResponseMessage(status)
                {
                    Content = new StringContent("echo: " + await request.Content!.ReadAsStringAsync()),
                });
                var options = TestSupport.Options();
                options.Transport = transport;
                options.Retry.MaxRetryAttempts = 0;
                using var client = TestSupport.ClientFor(handler, options);

                var ex = await Assert.ThrowsAnyAsync<MailkitException>(() => call(client));

                var seen = TestSupport.AllMessages(ex) + ex switch
                {
                    MailkitHttpException http => http.BodyExcerpt,
                    MailkitProtocolException protocol => protocol.BodyExcerpt + protocol.RecordText,
                    _ => string.Empty,
                };
                AssertNoPartOfTheMd5(seen);
            }
        }
    }

    // ---- mailkit.report.raw.responses ----

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetRawResponsesAsync_IllustratedRecord_TypedWithUnknownKeysKept(MailkitTransportKind transport)
    {
        var body = Records(
            transport,
            [
                ("ID_log", S("5000000002")), ("ID_send_message", S("1234567890")), ("ID_message", S("12")), ("ID_send", S("13")),
                ("ID_email", S("14")), ("ID_user_list", S("15")), ("date", S("2023-10-29 03:02:23")), ("type", S("click")),
                ("email", S("petra@example.cz")), ("ID_url", S("")), ("link_url", S("https://shop.example.cz/?a=1&b=2")),
                ("domain", S("example.cz")), ("tld", S("cz")), ("ab_version", S("B")), ("browser", S("Firefox")), ("IP", S("192.0.2.1")),
            ]);

        var page = await Client(transport, body).GetRawResponsesAsync(new RawResponsesRequest());

        var record = Assert.Single(page.Records);
        Assert.Equal(5_000_000_002, record.LogId);
        Assert.Equal(1_234_567_890, record.SendMessageId);
        Assert.Equal(12, record.CampaignId);
        Assert.Equal(13, record.SendId);
        Assert.Equal(14, record.RecipientId);
        Assert.Equal(15, record.MailingListId);
        Assert.Null(record.UrlId);
        Assert.Equal(new DateTimeOffset(2023, 10, 29, 3, 2, 23, Winter), record.Date);
        Assert.Equal("2023-10-29 03:02:23", record.DateText);
        Assert.Equal("click", record.ResponseType);
        Assert.Equal("petra@example.cz", record.Email);
        Assert.Equal("https://shop.example.cz/?a=1&b=2", record.LinkUrl);
        Assert.Equal("example.cz", record.Domain);
        Assert.Equal("cz", record.Tld);
        Assert.Equal("B", record.AbVersion);
        Assert.Equal("Firefox", record.ExtraFields["browser"]);
        Assert.Equal("192.0.2.1", record.ExtraFields["IP"]);
        Assert.Equal(5_000_000_003, page.NextRequest.StartId);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawResponsesAsync_UpperCaseKeysAndJsonNumbers_Read()
    {
        const string body = """[{"ID_LOG":41,"ID_SEND_MESSAGE":7,"TYPE":"open","DATE":"2026-01-15 08:00:00"}]""";

        var record = Assert.Single((await Client(MailkitTransportKind.Json, body).GetRawResponsesAsync(new RawResponsesRequest())).Records);

        Assert.Equal(41, record.LogId);
        Assert.Equal(7, record.SendMessageId);
        Assert.Equal("open", record.ResponseType);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 8, 0, 0, Winter), record.Date);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetRawResponsesAsync_RecordWithoutLogId_Refused(MailkitTransportKind transport)
    {
        var body = Records(transport, [("ID_send_message", S("7")), ("type", S("open"))]);

        await Assert.ThrowsAsync<MailkitProtocolException>(() => Client(transport, body).GetRawResponsesAsync(new RawResponsesRequest()));
    }

    // ---- mailkit.report.message.bounces ----

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetMessageBouncesAsync_SpecXmlExample_TypedWithTheRequestedSend()
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [
                ("EMAIL", "<string>mail@mail.com</string>"), ("ID_EMAIL", "<int>49872054</int>"), ("ID_USER_LIST", "<int>123</int>"),
                ("ID_SEND_MESSAGE", "<int>1234567890</int>"), ("DATE", "<string>2014-12-23 12:36:02</string>"), ("STATUS", "<string>4.4.2</string>"),
                ("EMAIL_STATUS", "<string>temporary</string>"),
            ]);

        var record = Assert.Single(await Client(MailkitTransportKind.XmlRpc, body).GetMessageBouncesAsync(123456));

        Assert.Equal(123456, record.SendId);
        Assert.Equal(1234567890, record.SendMessageId);
        Assert.Equal(49872054, record.RecipientId);
        Assert.Equal(123, record.MailingListId);
        Assert.Equal("mail@mail.com", record.Email);
        Assert.Equal(new DateTimeOffset(2014, 12, 23, 12, 36, 2, Winter), record.Date);
        Assert.Equal("2014-12-23 12:36:02", record.DateText);
        Assert.Equal("4.4.2", record.Status!.Value.Text);
        Assert.Equal("temporary", record.EmailStatus);
    }

    [Theory]
    [InlineData("""[{"EMAIL":"mail@mail.com","ID_EMAIL":49872054,"ID_USER_LIST":123,"ID_SEND_MESSAGE":1234567890,"DATE":"2014-12-23 12:36:02","STATUS":"4.4.2","EMAIL_STATUS":"permanent"}]""")]
    [InlineData("""[{"EMAIL":"mail@mail.com","ID_EMAIL":"49872054","ID_USER_LIST":"123","ID_SEND_MESSAGE":"1234567890","DATE":"2014-12-23 12:36:02","STATUS":"4.4.2","EMAIL_STATUS":"permanent"}]""")]
    [InlineData("""[{"email":"mail@mail.com","id_email":"49872054","id_user_list":123,"id_send_message":"1234567890","date":"2014-12-23 12:36:02","status":"4.4.2","email_status":"permanent"}]""")]
    [Trait("Issue", "25")]
    public async Task GetMessageBouncesAsync_JsonNumbersOrStringsInAnyCase_SameRecord(string body)
    {
        var record = Assert.Single(await Client(MailkitTransportKind.Json, body).GetMessageBouncesAsync(99));

        Assert.Equal(
            new MessageBounceRecord
            {
                SendId = 99,
                SendMessageId = 1234567890,
                RecipientId = 49872054,
                MailingListId = 123,
                Email = "mail@mail.com",
                Date = new DateTimeOffset(2014, 12, 23, 12, 36, 2, Winter),
                DateText = "2014-12-23 12:36:02",
                Status = record.Status,
                EmailStatus = "permanent",
                ExtraFields = record.ExtraFields,
            },
            record);
        Assert.Equal("4.4.2", record.Status!.Value.Text);
        Assert.Empty(record.ExtraFields);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetMessageBouncesAsync_SeveralRows_EveryRowGetsTheRequestedSend(MailkitTransportKind transport)
    {
        var body = Records(
            transport,
            [("ID_SEND_MESSAGE", S("1")), ("EMAIL", S("a@x.cz")), ("ID_SEND", S("5"))],
            [("ID_SEND_MESSAGE", S("2")), ("EMAIL", S("b@x.cz"))]);

        var records = await Client(transport, body).GetMessageBouncesAsync(4_294_967_296);

        Assert.Equal([4_294_967_296, 4_294_967_296], records.Select(r => r.SendId));
        Assert.Equal([1L, 2L], records.Select(r => r.SendMessageId!.Value));
    }

    // ---- mailkit.report.message.recipients ----

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetMessageRecipientsAsync_SpecJsonExample_EveryValueAStringTyped()
    {
        const string body = """
            [{"DATE":"2026-03-29 01:59:59","READ_COUNT":"2","STATUS":"sent","ID_EMAIL":"123456789",
              "EMAIL":"example@example.cz","CLICK_COUNT":"2","ID_SEND_MESSAGE":"123456798","AB_VERSION":""},
             {"DATE":"","READ_COUNT":"0","STATUS":"wait","ID_EMAIL":"5","EMAIL":"b@example.cz","CLICK_COUNT":"0","ID_SEND_MESSAGE":"6","AB_VERSION":"A"}]
            """;

        var records = await Client(MailkitTransportKind.Json, body).GetMessageRecipientsAsync(777);

        Assert.Equal(2, records.Count);
        var sent = records[0];
        Assert.Equal(777, sent.SendId);
        Assert.Equal(123456798, sent.SendMessageId);
        Assert.Equal(123456789, sent.RecipientId);
        Assert.Equal("example@example.cz", sent.Email);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 59, 59, Winter), sent.Date);
        Assert.Equal("sent", sent.DeliveryStatus);
        Assert.Equal(2, sent.ReadCount);
        Assert.Equal(2, sent.ClickCount);
        Assert.Equal(string.Empty, sent.AbVersion);
        var waiting = records[1];
        Assert.Null(waiting.Date);
        Assert.Equal(string.Empty, waiting.DateText);
        Assert.Equal("wait", waiting.DeliveryStatus);
        Assert.Equal("A", waiting.AbVersion);
        Assert.Equal(777, waiting.SendId);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetMessageRecipientsAsync_CzechXmlWithI4Ids_Typed()
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [
                ("DATE", "<string>2026-08-01 12:00:00</string>"), ("READ_COUNT", "<i4>3</i4>"), ("STATUS", "<string>failed</string>"),
                ("ID_EMAIL", "<i4>12</i4>"), ("EMAIL", "<string>x@example.cz</string>"), ("CLICK_COUNT", "<string>1</string>"),
                ("ID_SEND_MESSAGE", "<i4>34</i4>"), ("AB_VERSION", "<string>B</string>"),
            ]);

        var record = Assert.Single(await Client(MailkitTransportKind.XmlRpc, body).GetMessageRecipientsAsync(5));

        Assert.Equal(34, record.SendMessageId);
        Assert.Equal(12, record.RecipientId);
        Assert.Equal(3, record.ReadCount);
        Assert.Equal(1, record.ClickCount);
        Assert.Equal("failed", record.DeliveryStatus);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 12, 0, 0, Summer), record.Date);
        Assert.Equal(5, record.SendId);
    }

    // ---- mailkit.campaigns.list and mailkit.report.campaign ----

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetCampaignsAsync_JsonWithUserListArrayAndBooleans_Typed()
    {
        const string body = """
            [{"NAME":"Name of campaigns","SUBJECT":"Hello","SUBJECT_B":"","ID_MESSAGE":12345,"MSG_TYPE":"email","CAMPAIGN_TYPE":"normal",
              "TYPE":"single","STATUS":"enabled","USE_AB":false,"TEST_MODE":false,"REPEAT":false,"SEND_DATE":"2020-12-31 00:00:01",
              "LAST_SENT":"2021-07-01 09:30:00","TIME_ZONE":"Europe/Prague","REPEAT_COUNT":1,"PERIOD":"week","DAYS":"1,3,7","USER_LIST":[123,456]}]
            """;

        var campaign = Assert.Single(await Client(MailkitTransportKind.Json, body).GetCampaignsAsync());

        Assert.Equal(12345, campaign.CampaignId);
        Assert.Equal("Name of campaigns", campaign.Name);
        Assert.Equal("Hello", campaign.Subject);
        Assert.Equal("email", campaign.MessageType);
        Assert.Equal("normal", campaign.CampaignType);
        Assert.Equal("enabled", campaign.CampaignStatus);
        Assert.Equal(new DateTimeOffset(2020, 12, 31, 0, 0, 1, Winter), campaign.SendDate);
        Assert.Equal("2020-12-31 00:00:01", campaign.SendDateText);
        Assert.Equal(new DateTimeOffset(2021, 7, 1, 9, 30, 0, Summer), campaign.LastSent);
        Assert.Equal("Europe/Prague", campaign.TimeZone);
        Assert.Equal([123L, 456L], campaign.MailingListIds);
        Assert.Equal("1,3,7", campaign.ExtraFields["DAYS"]);
        Assert.Contains("USE_AB", campaign.ExtraFields.Keys);
    }

    [Theory]
    [InlineData("<i4>123</i4>", new long[] { 123 })]
    [InlineData("<array><data><value><i4>123</i4></value><value><i4>456</i4></value></data></array>", new long[] { 123, 456 })]
    [InlineData("<string></string>", new long[0])]
    [Trait("Issue", "25")]
    public async Task GetCampaignsAsync_XmlUserListAsOneI4OrAList_ReadAsIds(string userList, long[] expected)
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [("ID_MESSAGE", "<i4>12345</i4>"), ("NAME", "<string>Spring sale</string>"), ("USE_AB", "<boolean>0</boolean>"), ("USER_LIST", userList)]);

        var campaign = Assert.Single(await Client(MailkitTransportKind.XmlRpc, body).GetCampaignsAsync(12345));

        Assert.Equal(12345, campaign.CampaignId);
        Assert.Equal("Spring sale", campaign.Name);
        Assert.Equal(expected, campaign.MailingListIds);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    [Trait("Issue", "25")]
    public async Task GetCampaignSendsAsync_Rows_TypedWithTheRequestedCampaign(MailkitTransportKind transport)
    {
        var body = Records(
            transport,
            [("ID_SEND", S("501")), ("DATE", S("2026-02-02 10:00:00")), ("SEND_COUNT", S("1000")), ("DELIVERED_COUNT", S("990")), ("READ_COUNT", S("300")), ("OPENED", S("301"))],
            [("id_send", S("502")), ("date", S("2026-06-02 10:00:00"))]);

        var sends = await Client(transport, body).GetCampaignSendsAsync(12345);

        Assert.Equal(2, sends.Count);
        Assert.Equal(501, sends[0].SendId);
        Assert.Equal(12345, sends[0].CampaignId);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 10, 0, 0, Winter), sends[0].Date);
        Assert.Equal(1000, sends[0].SendCount);
        Assert.Equal(990, sends[0].DeliveredCount);
        Assert.Equal(300, sends[0].ReadCount);
        Assert.Equal("301", sends[0].ExtraFields["OPENED"]);
        Assert.Equal(502, sends[1].SendId);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 10, 0, 0, Summer), sends[1].Date);
        Assert.Equal(12345, sends[1].CampaignId);
    }

    // ---- mailkit.mailinglist.unsubscribed ----

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_SpecJsonExample_AddressAndPhoneNumber()
    {
        const string body = """
            [{"DATE":"2015-10-23 15:18:58","ID_UNSUBSCRIBE_GROUP":"","EMAIL":"mail@example.eu"},
             {"DATE":"2015-10-25 11:35:12","ID_UNSUBSCRIBE_GROUP":"","EMAIL":"+420777123456"}]
            """;

        var page = await Client(MailkitTransportKind.Json, body).GetUnsubscribesAsync(new UnsubscribesRequest());

        Assert.Equal(["mail@example.eu", "+420777123456"], page.Records.Select(r => r.Email));
        Assert.Equal(new DateTimeOffset(2015, 10, 23, 15, 18, 58, Summer), page.Records[0].Date);
        Assert.Equal(new DateTimeOffset(2015, 10, 25, 11, 35, 12, Winter), page.Records[1].Date);
        Assert.All(page.Records, r => Assert.Equal(string.Empty, r.UnsubscribeGroups));
        Assert.Equal(page.Records[1].Date, page.NextRequest.After);
        Assert.Equal([page.Records[1].Key], page.NextRequest.KnownAtAfter);
    }

    [Theory]
    [InlineData("<i4>0</i4>", "")]
    [InlineData("<int>0</int>", "")]
    [InlineData("<string>0</string>", "")]
    [InlineData("<string></string>", "")]
    [InlineData("<string/>", "")]
    [InlineData("<string>27,29,35</string>", "27,29,35")]
    [InlineData("<i4>27,29,35</i4>", "27,29,35")]
    [InlineData("<i4>27</i4>", "27")]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_XmlGroupOfAnyType_ReadAsTextWithZeroAsNone(string group, string expected)
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [("DATE", "<string>2026-04-01 08:00:00</string>"), ("ID_UNSUBSCRIBE_GROUP", group), ("EMAIL", "<string>a@example.cz</string>")]);

        var record = Assert.Single((await Client(MailkitTransportKind.XmlRpc, body).GetUnsubscribesAsync(new UnsubscribesRequest())).Records);

        Assert.Equal(expected, record.UnsubscribeGroups);
        Assert.Equal("a@example.cz", record.Email);
    }

    [Theory]
    [InlineData("\"0\"", "")]
    [InlineData("0", "")]
    [InlineData("\"\"", "")]
    [InlineData("null", "")]
    [InlineData("\"27,29,35\"", "27,29,35")]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_JsonGroup_ZeroAndEmptyAlike(string group, string expected)
    {
        var body = $$"""[{"DATE":"2026-04-01 08:00:00","ID_UNSUBSCRIBE_GROUP":{{group}},"EMAIL":"a@example.cz"}]""";

        var record = Assert.Single((await Client(MailkitTransportKind.Json, body).GetUnsubscribesAsync(new UnsubscribesRequest())).Records);

        Assert.Equal(expected, record.UnsubscribeGroups);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_RecordRefused_MessageNamesTheKeyWithoutAnIdItDoesNotHave()
    {
        var body = Records(
            MailkitTransportKind.XmlRpc,
            [("DATE", "<array><data><value>2026-04-01</value></data></array>"), ("ID_UNSUBSCRIBE_GROUP", "<string></string>"), ("EMAIL", "<string>a@example.cz</string>")]);

        var ex = await Assert.ThrowsAsync<MailkitProtocolException>(
            () => Client(MailkitTransportKind.XmlRpc, body).GetUnsubscribesAsync(new UnsubscribesRequest()));

        Assert.Equal("DATE", ex.FieldName);
        Assert.Contains("DATE of a record: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_LowerCaseKeys_Read()
    {
        const string body = """[{"date":"2026-04-01 08:00:00","id_unsubscribe_group":"5","email":"a@example.cz","source":"web"}]""";

        var record = Assert.Single((await Client(MailkitTransportKind.Json, body).GetUnsubscribesAsync(new UnsubscribesRequest())).Records);

        Assert.Equal("a@example.cz", record.Email);
        Assert.Equal("5", record.UnsubscribeGroups);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, Summer), record.Date);
        Assert.Equal("web", record.ExtraFields["source"]);
    }

    // ---- helpers ----

    /// <summary>A string value: written as a JSON string, or as an XML-RPC <c>&lt;string&gt;</c>.</summary>
    private static string S(string text) => "<string>" + System.Security.SecurityElement.Escape(text) + "</string>";

    /// <summary>The records as the transport sends them; each member's value is XML-RPC, and a JSON body takes the text of its &lt;string&gt;.</summary>
    private static string Records(MailkitTransportKind transport, params (string Key, string Value)[][] records)
    {
        if (transport == MailkitTransportKind.Json)
        {
            var json = records.Select(r => "{" + string.Join(",", r.Select(m => System.Text.Json.JsonSerializer.Serialize(m.Key) + ":" + JsonValue(m.Value))) + "}");
            return "[" + string.Join(",", json) + "]";
        }

        var xml = records.Select(r => "<value><struct>" + string.Concat(r.Select(m => $"<member><name>{m.Key}</name><value>{m.Value}</value></member>")) + "</struct></value>");
        return Response("<array><data>" + string.Concat(xml) + "</data></array>");
    }

    private static string JsonValue(string xmlValue)
    {
        var element = System.Xml.Linq.XElement.Parse(xmlValue);
        return element.Name.LocalName == "string"
            ? System.Text.Json.JsonSerializer.Serialize(element.Value)
            : element.Value;
    }

    private static string Response(string value) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value>{value}</value></param></params></methodResponse>";

    private static MailkitClient Client(MailkitTransportKind transport, string body)
    {
        var options = TestSupport.Options();
        options.Transport = transport;
        return TestSupport.ClientAnswering(body, options: options);
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> records)
    {
        await foreach (var unused in records)
        {
        }
    }

    private static void AssertNoPartOfTheMd5(string text)
    {
        for (var i = 0; i + 8 <= TestSupport.Md5.Length; i++)
        {
            Assert.DoesNotContain(TestSupport.Md5.Substring(i, 8), text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
