namespace Mailkit.Reports.Cli.Targets;

/// <summary>A record skipped with <c>--skip-invalid</c>: its ID, its text as the response held it, and why.</summary>
internal sealed record RejectedRecord(long UndeliveredLogId, string? RecordText, string Reason);
