using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>How Mailkit's naive report times become instants: the zone, its daylight-saving quirks, and texts that are not times.</summary>
public class ReportTimeTests
{
    [Theory]
    [InlineData("2026-07-15 12:00:00", 2026, 7, 15, 12, 2)]
    [InlineData("2026-01-15 12:00:00", 2026, 1, 15, 12, 1)]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_SummerAndWinterDateSent_PragueOffsets(string text, int year, int month, int day, int hour, int offsetHours)
    {
        var record = await MessageSentAsync(text);

        Assert.Equal(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(offsetHours)), record.DateSent);
        Assert.Equal(text, record.DateSentText);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_RepeatedAutumnHour_FirstOccurrence()
    {
        // 2026-10-25: Prague's clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens at 00:30 and at 01:30 UTC.
        var record = await MessageSentAsync("2026-10-25 02:30:00");

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), record.DateSent!.Value.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(2), record.DateSent.Value.Offset);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_SpringGap_OffsetBeforeTheChange()
    {
        // 2026-03-29: Prague's clocks go forward from 02:00 CET to 03:00 CEST, so 02:30 never happens there.
        var record = await MessageSentAsync("2026-03-29 02:30:00");

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)), record.DateSent);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), record.DateSent!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_EmptyTime_NoInstant(string text)
    {
        var record = await MessageSentAsync(text);

        Assert.Null(record.DateSent);
        Assert.Equal(text, record.DateSentText);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45 99:00:00")]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("15.07.2026 12:00")]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_MalformedTime_NoInstantTextKept(string text)
    {
        var record = await MessageSentAsync(text);

        Assert.Null(record.DateSent);
        Assert.Equal(text, record.DateSentText);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetRawMessagesAsync_ReportTimeZoneUtc_TheSameTextIsAnotherInstant()
    {
        var options = TestSupport.Options();
        options.ReportTimeZoneId = "UTC";

        var record = await MessageSentAsync("2026-07-15 12:00:00", options);

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero), record.DateSent);
        Assert.NotEqual(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.FromHours(2)), record.DateSent);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [Trait("Issue", "25")]
    public void Options_UnknownReportTimeZone_ValidationErrorNamesTheSetting(string zone)
    {
        var options = TestSupport.Options();
        options.ReportTimeZoneId = zone;

        var error = Assert.Single(options.GetValidationErrors());
        var ex = Assert.ThrowsAny<ArgumentException>(() => new MailkitClient(new HttpClient(), options));

        Assert.Contains("MailkitClientOptions.ReportTimeZoneId", error, StringComparison.Ordinal);
        Assert.Contains("ReportTimeZoneId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "25")]
    public void BuiltInPragueRules_EveryHourFrom1996To2040_AgreeWithTheSystemZoneData()
    {
        // The rules stand in when the system has no zone data; where it has, they must say exactly what it says.
        var system = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");
        var builtIn = ReportTime.CentralEuropeanRules();
        var disagreements = new List<string>();
        for (var local = new DateTime(1996, 1, 1, 0, 30, 0, DateTimeKind.Unspecified); local.Year <= 2040; local = local.AddHours(1))
        {
            var expected = ReportTime.Resolve(local, system);
            var actual = ReportTime.Resolve(local, builtIn);
            if (expected != actual || expected.Offset != actual.Offset)
            {
                disagreements.Add($"{local:yyyy-MM-dd HH:mm}: system {expected:O}, built-in {actual:O}");
            }
        }

        Assert.Empty(disagreements);
    }

    [Fact]
    [Trait("Issue", "25")]
    public void BuiltInPragueRules_RepeatedAutumnHour_FirstOccurrenceAndUnknownZoneNotFound()
    {
        var zone = ReportTime.FindZone("Europe/Prague");

        Assert.NotNull(zone);
        Assert.Null(ReportTime.FindZone("Mars/Olympus_Mons"));
        Assert.Equal(
            new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)),
            ReportTime.Resolve(new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Unspecified), ReportTime.CentralEuropeanRules()));
    }

    private static async Task<RawMessageRecord> MessageSentAsync(string dateSent, MailkitClientOptions? options = null)
    {
        var body = $$"""[{"ID_send_message":"1","date_sent":{{System.Text.Json.JsonSerializer.Serialize(dateSent)}}}]""";
        using var client = TestSupport.ClientAnswering(body, options: options);
        var page = await client.GetRawMessagesAsync(new RawMessagesRequest());
        return Assert.Single(page.Records);
    }
}
