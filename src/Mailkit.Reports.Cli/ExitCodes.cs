namespace Mailkit.Reports.Cli;

/// <summary>The tool's exit codes; scripts depend on them (the table in the export tool's article lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Done; also the end of <c>--follow</c> by Ctrl+C or SIGTERM.</summary>
    public const int Done = 0;

    /// <summary>An invalid option, or a target or input that cannot be used.</summary>
    public const int Usage = 2;

    /// <summary>Mailkit refused the credentials or the IP address.</summary>
    public const int Refused = 3;

    /// <summary>Any other failure, once retries are spent.</summary>
    public const int Failed = 4;

    /// <summary>Interrupted by Ctrl+C or SIGTERM, outside <c>--follow</c>.</summary>
    public const int Interrupted = 130;
}
