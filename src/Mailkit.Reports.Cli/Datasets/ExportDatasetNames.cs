namespace Mailkit.Reports.Cli.Datasets;

/// <summary>The names of the datasets on the command line and in messages, and <c>all</c>.</summary>
internal static class ExportDatasetNames
{
    /// <summary>The name that means every dataset.</summary>
    public const string All = "all";

    /// <summary>Gets every dataset, in the order an export runs them.</summary>
    public static IReadOnlyList<ExportDataset> Every { get; } = Enum.GetValues<ExportDataset>();

    /// <summary>The name <c>--dataset</c> takes for a dataset.</summary>
    public static string Name(this ExportDataset dataset) => dataset.ToString().ToLowerInvariant();

    /// <summary>
    /// The datasets that the names give, each once, in the order an export runs them; none given means bounces alone.
    /// </summary>
    /// <returns>The datasets, or the one line that says which name is unknown.</returns>
    public static (IReadOnlyList<ExportDataset> Value, string? Problem) Parse(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return ([ExportDataset.Bounces], null);
        }

        var chosen = new HashSet<ExportDataset>();
        foreach (var name in names)
        {
            if (string.Equals(name, All, StringComparison.OrdinalIgnoreCase))
            {
                chosen.UnionWith(Every);
            }
            else if (Every.Where(d => string.Equals(d.Name(), name, StringComparison.OrdinalIgnoreCase)).ToList() is [var found])
            {
                chosen.Add(found);
            }
            else
            {
                return ([], $"--dataset must be {string.Join(", ", Every.Select(d => d.Name()))} or {All} (it is {SafeText.Quote(name)}).");
            }
        }

        return ([.. Every.Where(chosen.Contains)], null);
    }
}
