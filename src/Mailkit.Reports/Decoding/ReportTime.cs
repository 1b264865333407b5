using System.Globalization;

namespace Mailkit.Reports.Decoding;

/// <summary>
/// Reads Mailkit's report times: naive wall-clock texts <c>YYYY-MM-DD HH:MM:SS</c> with no zone. No report page names
/// their zone; the SDK reads them in <see cref="MailkitClientOptions.ReportTimeZoneId"/>, Europe/Prague by default.
/// </summary>
/// <remarks>
/// <para>
/// A wall-clock time in the hour that happens twice when clocks go back (in Prague the last Sunday of October,
/// 02:00–02:59) is read as its first occurrence, with the offset of the summer time that is ending: a send logged in
/// that hour then keeps its order against the ones before it. A time that never happens (the hour skipped when clocks go
/// forward) is read with the offset in force before the change, so 02:30 on that day is 01:30 UTC in Prague, never refused.
/// </para>
/// <para>
/// A value that is empty, or not such a time, has no instant (<see langword="null"/>); the record keeps its text.
/// </para>
/// </remarks>
internal static class ReportTime
{
    /// <summary>The IANA name of the zone used when none is configured.</summary>
    public const string DefaultZoneId = "Europe/Prague";

    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    /// <summary>Gets Europe/Prague from the system's zone data, or from its rules when the system has none.</summary>
    public static TimeZoneInfo DefaultZone { get; } = FindZone(DefaultZoneId) ?? CentralEuropeanRules();

    /// <summary>Finds a zone by its IANA (or Windows) ID; Europe/Prague is always found, even without zone data.</summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return string.Equals(id, DefaultZoneId, StringComparison.Ordinal) ? CentralEuropeanRules() : null;
        }
    }

    /// <summary>Resolves a naive time in a zone; <see langword="null"/> when the text is empty or not a time.</summary>
    public static DateTimeOffset? Resolve(string text, TimeZoneInfo zone)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return null;
        }

        if (!DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return Resolve(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    /// <summary>Resolves a wall-clock time in a zone by the rules in the remarks.</summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (zone.IsInvalidTime(local))
        {
            // The offset an hour before the gap: the one in force when the clocks were about to go forward.
            offset = zone.GetUtcOffset(local.AddHours(-2));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset);
    }

    /// <summary>Central European Time with the European Union's summer time (since 1996): the last Sundays of March and October, at 01:00 UTC.</summary>
    internal static TimeZoneInfo CentralEuropeanRules()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(1996, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(DefaultZoneId, TimeSpan.FromHours(1), "Central European Time", "CET", "CEST", [rule]);
    }
}
