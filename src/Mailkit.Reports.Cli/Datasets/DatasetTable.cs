namespace Mailkit.Reports.Cli.Datasets;

/// <summary>
/// A table a dataset is stored in, described once for every store: its columns, its key, and whether a row that comes
/// again replaces the stored one (<see cref="Replaces"/>: campaigns and sends change) or is kept once (raw records never
/// change). The NDJSON and CSV files of a dataset hold the same columns.
/// </summary>
internal sealed record DatasetTable(string Name, IReadOnlyList<DatasetColumn> Columns, IReadOnlyList<string> Key, bool Replaces)
{
    /// <summary>Gets the name of the file beside <c>--output</c> that holds this table: <c>out.messages.ndjson</c> for <c>raw_messages</c> and <c>out.ndjson</c>.</summary>
    public string FileSuffix => Name.StartsWith("raw_", StringComparison.Ordinal) ? Name[4..] : Name;

    /// <summary>The table's <c>CREATE TABLE IF NOT EXISTS</c> with each column's type from <paramref name="typeOf"/>.</summary>
    public string Create(Func<ColumnKind, string> typeOf)
    {
        var columns = Columns.Select(c => $"    {c.Name} {typeOf(c.Kind)}{(c.NotNull ? " NOT NULL" : string.Empty)}{(c.Kind == ColumnKind.Json ? " DEFAULT '{}'" : string.Empty)}");
        return $"CREATE TABLE IF NOT EXISTS {Name} (\n{string.Join(",\n", columns)},\n    PRIMARY KEY ({string.Join(", ", Key)})\n);\n";
    }

    /// <summary>
    /// The statement that stores <paramref name="rows"/> rows, the same for SQLite and PostgreSQL: parameters
    /// <c>@p{row}_{column}</c>, each written by <paramref name="placeholder"/>; a row already stored is kept, or replaced
    /// when <see cref="Replaces"/>. The rows of one statement must have distinct keys.
    /// </summary>
    public string Insert(Func<DatasetColumn, string, string> placeholder, int rows)
    {
        var values = Enumerable.Range(0, rows).Select(
            r => "(" + string.Join(", ", Columns.Select((c, i) => placeholder(c, Parameter(r, i)))) + ")");
        var conflict = Replaces
            ? "DO UPDATE SET " + string.Join(", ", Columns.Where(c => !Key.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}"))
            : "DO NOTHING";
        return $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES {string.Join(", ", values)} ON CONFLICT ({string.Join(", ", Key)}) {conflict}";
    }

    /// <summary>The name of the parameter of a row's column in <see cref="Insert"/>.</summary>
    public static string Parameter(int row, int column) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@p{row}_{column}");

    /// <summary>The rows with distinct keys, the last of each key kept, in their order: what one statement may store.</summary>
    public IReadOnlyList<object?[]> Distinct(IReadOnlyList<object?[]> rows)
    {
        var key = Key.Select(k => Columns.ToList().FindIndex(c => c.Name == k)).ToArray();
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            last[string.Join("\u0001", key.Select(k => Convert.ToString(rows[i][k], System.Globalization.CultureInfo.InvariantCulture)))] = i;
        }

        return last.Count == rows.Count ? rows : [.. last.Values.Order().Select(i => rows[i])];
    }
}
