using System.Globalization;
using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Datasets;

/// <summary>SQLite: IDs as <c>INTEGER</c>, everything else as <c>TEXT</c>, times as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string TypeOf(ColumnKind kind) => kind == ColumnKind.Integer ? "INTEGER" : "TEXT";

    public string Placeholder(DatasetColumn column, string parameter) => parameter;

    public object Value(ColumnKind kind, object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => DatasetTables.TimeText(time),
        IEnumerable<KeyValuePair<string, string>> fields => RawFields.JsonObject(fields),
        _ => value,
    };

    public object Now(TimeProvider timeProvider) => timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
