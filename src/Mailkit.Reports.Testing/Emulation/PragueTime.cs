using System.Globalization;

namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// Mailkit's report times: naive <c>YYYY-MM-DD HH:MM:SS</c> wall-clock time in Europe/Prague. Turns an instant into that
/// text and day, and keeps the instants of the world clear of the wall-clock hour that autumn repeats, except on the
/// side the world's rule picks.
/// </summary>
internal static class PragueTime
{
    public const string ZoneName = "Europe/Prague";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneName);

    /// <summary>The naive wall-clock text of an instant.</summary>
    public static string Text(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The naive wall-clock text of an instant, or <c>""</c> for none.</summary>
    public static string Text(DateTimeOffset? instant) => instant is { } at ? Text(at) : string.Empty;

    /// <summary>The Prague day an instant falls on.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>The instant a wall-clock time names; in the repeated hour the later pass when <paramref name="later"/>, else the earlier.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, bool later)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            // A wall-clock time the spring change skips names no instant.
            local = local.AddHours(1);
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? (later ? Zone.GetAmbiguousTimeOffsets(local).Min() : Zone.GetAmbiguousTimeOffsets(local).Max())
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// Moves an instant whose wall-clock time is in the repeated hour, on the pass the rule does not pick, one hour on:
    /// from the earlier pass to the later, or from the later pass out of the hour. Every other instant stays.
    /// </summary>
    public static DateTimeOffset Settle(DateTimeOffset instant, bool later)
    {
        var local = Local(instant);
        if (!Zone.IsAmbiguousTime(local))
        {
            return instant;
        }

        var offsets = Zone.GetAmbiguousTimeOffsets(local);
        var onEarlierPass = Zone.GetUtcOffset(instant) == offsets.Max();
        return onEarlierPass == later ? instant.AddHours(1) : instant;
    }

    /// <summary>The last Sunday of October of a year: the day the autumn change repeats an hour of wall-clock time.</summary>
    public static DateOnly AutumnChange(int year)
    {
        var day = new DateOnly(year, 10, 31);
        return day.AddDays(-(int)day.DayOfWeek);
    }

    private static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}
