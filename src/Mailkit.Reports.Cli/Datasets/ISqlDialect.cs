namespace Mailkit.Reports.Cli.Datasets;

/// <summary>What SQLite and PostgreSQL write differently for the dataset tables: column types and parameter values.</summary>
internal interface ISqlDialect
{
    /// <summary>The column type of a kind of value.</summary>
    string TypeOf(ColumnKind kind);

    /// <summary>How a statement names a parameter for a column (a cast where the store needs one).</summary>
    string Placeholder(DatasetColumn column, string parameter);

    /// <summary>A row's value as the store takes it; <see cref="DBNull.Value"/> for none.</summary>
    object Value(ColumnKind kind, object? value);

    /// <summary>The moment a checkpoint was written, as the store takes it.</summary>
    object Now(TimeProvider timeProvider);
}
