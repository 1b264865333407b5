namespace Mailkit.Reports.Testing.Emulation;

/// <summary>One recipient address of the world's population.</summary>
internal sealed record WorldAddress(long EmailId, string Email, string Domain, string FirstName, DateTimeOffset AddedAt);
