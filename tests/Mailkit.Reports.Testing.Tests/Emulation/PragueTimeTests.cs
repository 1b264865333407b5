using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing.Tests.Emulation;

/// <summary><see cref="PragueTime"/>: Mailkit's naive times as Prague wall-clock time across both clock changes.</summary>
[Trait("Issue", "25")]
public class PragueTimeTests
{
    [Theory]
    [InlineData("2026-07-01T10:00:00Z", "2026-07-01 12:00:00")]
    [InlineData("2026-12-01T10:00:00Z", "2026-12-01 11:00:00")]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25 02:30:00")]
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25 02:30:00")]
    public void Text_Instant_PragueWallClock(string instant, string expected) =>
        Assert.Equal(expected, PragueTime.Text(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void At_RepeatedHour_ThePassAsked(bool later, int utcHour) =>
        Assert.Equal(new DateTimeOffset(2026, 10, 25, utcHour, 30, 0, TimeSpan.Zero), PragueTime.At(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), later));

    [Fact]
    public void At_SpringGap_MovedAnHourOn() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), PragueTime.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), later: false));

    [Theory]
    [InlineData("2026-10-25T00:30:00Z", false, "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T00:30:00Z", true, "2026-10-25T01:30:00Z")]
    [InlineData("2026-10-25T01:30:00Z", true, "2026-10-25T01:30:00Z")]
    [InlineData("2026-10-25T01:30:00Z", false, "2026-10-25T02:30:00Z")]
    [InlineData("2026-10-24T00:30:00Z", false, "2026-10-24T00:30:00Z")]
    public void Settle_InstantInTheRepeatedHour_KeptOnThePassTheRuleNames(string instant, bool later, string expected)
    {
        var parse = (string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(parse(expected), PragueTime.Settle(parse(instant), later));
    }

    [Theory]
    [InlineData(2026, 25)]
    [InlineData(2027, 31)]
    [InlineData(2025, 26)]
    public void AutumnChange_LastSundayOfOctober(int year, int day) =>
        Assert.Equal(new DateOnly(year, 10, day), PragueTime.AutumnChange(year));
}
