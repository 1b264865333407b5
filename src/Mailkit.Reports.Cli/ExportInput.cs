using System.CommandLine;

namespace Mailkit.Reports.Cli;

/// <summary><c>--input</c> of the commands that read an export back (<c>stats</c>, <c>suppressions</c>), declared once.</summary>
internal static class ExportInput
{
    /// <summary>The option; one instance, which every reading command adds.</summary>
    public static readonly Option<string> Option = new("--input") { Description = "What to read: as --output of export.", DefaultValueFactory = _ => "bounces.db" };
}
