namespace Mailkit.Reports.Hosting.Internal;

/// <summary>A cursor file read as JSON of the current version, and the account it names, if any.</summary>
internal sealed record ParsedCursorFile(CursorFile File, MailkitAccount? Account);
