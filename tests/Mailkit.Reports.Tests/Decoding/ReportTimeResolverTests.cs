using System.Globalization;
using Mailkit.Reports.Decoding;

namespace Mailkit.Reports.Tests.Decoding;

/// <summary>The resolver that remembers each day's offset says exactly what the zone's rules say, value by value.</summary>
public class ReportTimeResolverTests
{
    [Theory]
    [InlineData("Europe/Prague")]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("America/Santiago")]
    [InlineData("America/Havana")]
    [Trait("Issue", "25")]
    public void Resolve_TimesAcrossThreeYearsAndEveryMinuteOfTheChangeDays_SameInstantAndOffsetAsTheZoneRules(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var resolver = new ReportTimeResolver(zone);
        var disagreements = new List<string>();
        void Check(DateTime local)
        {
            var text = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var expected = ReportTime.Resolve(text, zone);
            var actual = resolver.Resolve(text);
            if (expected != actual || expected?.Offset != actual?.Offset)
            {
                disagreements.Add($"{text}: rules {expected:O}, resolver {actual:O}");
            }
        }

        for (var local = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified); local.Year < 2028; local = local.AddMinutes(37).AddSeconds(11))
        {
            Check(local);
        }

        foreach (var day in ChangeDays(zone, 2025, 2027))
        {
            for (var local = day; local < day.AddDays(1); local = local.AddSeconds(59))
            {
                Check(local);
            }
        }

        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 2026-07-01 10:00:00 ")]
    [InlineData("2026-07-01T10:00:00")]
    [InlineData("2026-07-01 10:00")]
    [InlineData("2026-07-01")]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("2026-02-30 10:00:00")]
    [InlineData("2026-07-01 24:00:00")]
    [InlineData("2026-07-01 10:60:00")]
    [InlineData("2026-07-01 10:00:60")]
    [InlineData("2026-07-0a 10:00:00")]
    [InlineData("yesterday at ten")]
    [Trait("Issue", "25")]
    public void Resolve_OtherFormsAndNonTimes_SameAsTheZoneRules(string text)
    {
        var zone = ReportTime.DefaultZone;

        var actual = new ReportTimeResolver(zone).Resolve(text);

        Assert.Equal(ReportTime.Resolve(text, zone), actual);
    }

    private static IEnumerable<DateTime> ChangeDays(TimeZoneInfo zone, int fromYear, int toYear)
    {
        for (var day = new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified); day.Year <= toYear; day = day.AddDays(1))
        {
            if (zone.GetUtcOffset(day) != zone.GetUtcOffset(day.AddDays(1)))
            {
                yield return day;
            }
        }
    }
}
