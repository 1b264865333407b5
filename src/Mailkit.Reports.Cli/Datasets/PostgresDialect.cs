using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// PostgreSQL: IDs as <c>bigint</c>, times as <c>timestamptz</c>, the unknown keys as <c>jsonb</c>; NUL, which neither
/// <c>text</c> nor <c>jsonb</c> takes, is kept as <c>\u0000</c> (<see cref="PostgresTarget.Storable"/>).
/// </summary>
internal sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "bigint",
        ColumnKind.Time => "timestamptz",
        ColumnKind.Json => "jsonb",
        _ => "text",
    };

    public string Placeholder(DatasetColumn column, string parameter) => column.Kind switch
    {
        ColumnKind.Json => $"CAST({parameter} AS jsonb)",
        ColumnKind.Time => $"CAST({parameter} AS timestamptz)",
        ColumnKind.Integer => $"CAST({parameter} AS bigint)",
        _ => $"CAST({parameter} AS text)",
    };

    public object Value(ColumnKind kind, object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.ToUniversalTime(),
        string text => PostgresTarget.Storable(text),
        IEnumerable<KeyValuePair<string, string>> fields => RawFields.JsonObject(fields, PostgresTarget.Storable),
        _ => value,
    };

    public object Now(TimeProvider timeProvider) => timeProvider.GetUtcNow().ToUniversalTime();
}
