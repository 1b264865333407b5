namespace Mailkit.Reports.Decoding;

/// <summary>
/// Resolves the report times of one response in one zone, by the rules of <see cref="ReportTime"/>, remembering the
/// offset of each wall-clock day it meets: a zone's rules take microseconds to consult, and a page's times fall on few
/// days (a raw message's <c>email_date</c> may be any day of the past year or more, so hours would be too many).
/// </summary>
/// <remarks>
/// A day is remembered only when its first and last second resolve to the same offset, so a day on which the zone
/// changes its offset is resolved value by value. Not thread-safe: one assembler owns one resolver.
/// </remarks>
internal sealed class ReportTimeResolver(TimeZoneInfo zone)
{
    /// <summary>Past this many days (eleven years) the memory is cleared, so that a response of scattered times cannot make it grow without end.</summary>
    private const int MaxDays = 4_096;

    private readonly Dictionary<long, TimeSpan> _days = [];

    /// <summary>Resolves a naive time; <see langword="null"/> when the text is empty or not a time.</summary>
    public DateTimeOffset? Resolve(string text)
    {
        if (!TryParseCanonical(text, out var local))
        {
            return ReportTime.Resolve(text, zone);
        }

        var day = local.Ticks / TimeSpan.TicksPerDay;
        if (!_days.TryGetValue(day, out var offset))
        {
            var start = new DateTime(day * TimeSpan.TicksPerDay, DateTimeKind.Unspecified);
            var first = ReportTime.Resolve(start, zone).Offset;
            var last = ReportTime.Resolve(start.AddDays(1).AddSeconds(-1), zone).Offset;
            if (first != last)
            {
                return ReportTime.Resolve(local, zone);
            }

            if (_days.Count >= MaxDays)
            {
                _days.Clear();
            }

            _days[day] = offset = first;
        }

        return new DateTimeOffset(local, offset);
    }

    /// <summary>Reads the form Mailkit sends, <c>YYYY-MM-DD HH:MM:SS</c>, exactly; anything else is left to <see cref="ReportTime.Resolve(string, TimeZoneInfo)"/>.</summary>
    private static bool TryParseCanonical(string text, out DateTime local)
    {
        local = default;
        if (text.Length != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hourOfDay) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hourOfDay > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hourOfDay, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
