namespace Mailkit.Reports.Transport;

/// <summary>
/// One named parameter of a Mailkit function call, in the position the function documents.
/// </summary>
/// <param name="Name">The parameter's name as Mailkit documents it, for example <c>ID_undelivered_log</c>.</param>
/// <param name="Value">The value, or <see langword="null"/> when the caller left the optional parameter unset.</param>
public sealed record MailkitParameter(string Name, long? Value);
