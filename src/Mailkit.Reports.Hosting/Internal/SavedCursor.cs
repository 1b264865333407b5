using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Internal;

/// <summary>A cursor file's content: the cursor, and the account it was saved for when the file names one.</summary>
internal sealed record SavedCursor(RawBouncesRequest Cursor, MailkitAccount? Account);
