using System.Globalization;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// The SQL the report's queries differ by between SQLite (times as <c>yyyy-MM-ddTHH:mm:ssZ</c> text) and PostgreSQL
/// (<c>timestamptz</c>): a time's UTC day, a domain, an address key and a time as text.
/// </summary>
internal sealed class ReportDialect
{
    private ReportDialect(
        Func<string, string> day,
        Func<string, string> domainOfEmail,
        Func<string, string> addressKey,
        Func<string, string> timeText,
        string tables,
        Func<string, string> columns,
        Func<DateTimeOffset, object> instant)
    {
        Day = day;
        DomainOfEmail = domainOfEmail;
        AddressKey = addressKey;
        TimeText = timeText;
        Tables = tables;
        Columns = columns;
        Instant = instant;
    }

    public static ReportDialect Sqlite { get; } = new(
        // The stored text starts with the UTC day, and taking it is far cheaper than date() over millions of rows.
        column => $"substr({column}, 1, 10)",
        // After the first @ when that is the last one (nearly always, and cheap); else after the last, found by rtrim.
        email => $"CASE WHEN instr({email}, '@') = 0 THEN '(no domain)' "
            + $"WHEN instr(substr({email}, instr({email}, '@') + 1), '@') = 0 THEN lower(substr({email}, instr({email}, '@') + 1)) "
            + $"ELSE lower(substr({email}, length(rtrim({email}, replace({email}, '@', ''))) + 1)) END",

        // SQLite's lower() folds ASCII letters only, as EmailAddressKey does.
        email => $"lower(trim({email}, char(32, 9, 10, 11, 12, 13)))",
        value => value,
        "SELECT name FROM sqlite_master WHERE type = 'table'",
        table => $"SELECT name FROM pragma_table_info('{table}')",
        instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public static ReportDialect Postgres { get; } = new(
        column => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        email => $"CASE WHEN strpos({email}, '@') = 0 THEN '(no domain)' ELSE lower(split_part({email}, '@', -1)) END",
        email => $"translate(btrim({email}, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\"",
        value => $"to_char({value} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
        table => $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'",
        instant => instant.UtcDateTime);

    /// <summary>Gets the UTC day of a time column, as <c>yyyy-MM-dd</c> text; NULL for NULL. The report groups days into periods.</summary>
    public Func<string, string> Day { get; }

    /// <summary>Gets the domain of an address column: after its last <c>@</c>, lower case (ASCII; the caller folds the rest).</summary>
    public Func<string, string> DomainOfEmail { get; }

    /// <summary>Gets an address column as the suppression list keys it: trimmed, ASCII letters in lower case, in ordinal order.</summary>
    public Func<string, string> AddressKey { get; }

    /// <summary>Gets a time expression as <c>yyyy-MM-ddTHH:mm:ssZ</c> text.</summary>
    public Func<string, string> TimeText { get; }

    /// <summary>Gets the query listing the tables.</summary>
    public string Tables { get; }

    /// <summary>Gets the query listing a table's columns.</summary>
    public Func<string, string> Columns { get; }

    /// <summary>Gets an instant as a parameter value compared with the time columns.</summary>
    public Func<DateTimeOffset, object> Instant { get; }
}
