namespace Mailkit.Reports.Cli;

/// <summary>The tool's exit codes; scripts depend on them.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int Usage = 2;
    public const int Refused = 3;
    public const int Failed = 4;
    public const int Interrupted = 130;
}
