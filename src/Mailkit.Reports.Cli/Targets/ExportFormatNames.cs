namespace Mailkit.Reports.Cli.Targets;

/// <summary>The names of the formats on the command line and in messages: <c>sqlite</c>, <c>postgres</c>, <c>ndjson</c>, <c>csv</c>.</summary>
internal static class ExportFormatNames
{
    /// <summary>The name <c>--format</c> takes for a format.</summary>
    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.Sqlite => "sqlite",
        ExportFormat.Postgres => "postgres",
        ExportFormat.Ndjson => "ndjson",
        ExportFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
    };

    /// <summary>The format a name gives, in any case; <see langword="null"/> for a name that is none.</summary>
    public static ExportFormat? Parse(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => ExportFormat.Sqlite,
        "postgres" => ExportFormat.Postgres,
        "ndjson" => ExportFormat.Ndjson,
        "csv" => ExportFormat.Csv,
        _ => null,
    };
}
