namespace Mailkit.Reports.Transport;

/// <summary>
/// One named parameter of a Mailkit function call, in the position the function documents.
/// </summary>
/// <param name="Name">The parameter's name as Mailkit documents it, for example <c>ID_undelivered_log</c>.</param>
/// <param name="Value">The value, or <see langword="null"/> when the caller left the optional parameter unset.</param>
public sealed record MailkitParameter(string Name, long? Value)
{
    /// <summary>Gets a text value, for a parameter Mailkit documents as a string (a date <c>YYYY-MM-DD</c>); it takes the place of <see cref="Value"/>.</summary>
    /// <value>The default is <see langword="null"/>: the parameter is an integer.</value>
    public string? Text { get; init; }

    /// <summary>Gets a value indicating whether the parameter is a string, sent as <c>&lt;string&gt;</c> over XML-RPC even when unset.</summary>
    public bool IsText { get; init; }

    /// <summary>Gets a value indicating whether the JSON transport also sends the parameter at the top level of the call, where a function reads it there.</summary>
    internal bool AlsoAtTopLevel { get; init; }

    /// <summary>Gets a value indicating whether the parameter has a value.</summary>
    internal bool IsSet => Value is not null || Text is not null;

    /// <summary>Creates a string parameter.</summary>
    /// <param name="name">The parameter's name as Mailkit documents it.</param>
    /// <param name="text">The value, or <see langword="null"/> when unset.</param>
    /// <returns>The parameter.</returns>
    public static MailkitParameter ForText(string name, string? text) => new(name, null) { Text = text, IsText = true };
}
