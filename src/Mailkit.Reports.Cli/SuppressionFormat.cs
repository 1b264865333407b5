namespace Mailkit.Reports.Cli;

/// <summary>How <c>suppressions</c> writes its list (<c>--format</c>).</summary>
internal enum SuppressionFormat
{
    /// <summary>Aligned columns and a count, for a person.</summary>
    Text,

    /// <summary>RFC 4180 with a header row; cells a spreadsheet would run as formulas are neutralised.</summary>
    Csv,

    /// <summary>One JSON object per address.</summary>
    Ndjson,
}
