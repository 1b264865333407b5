namespace Mailkit.Reports.Testing.Wire;

/// <summary>
/// The parts of a call the emulator looks at, and the body as the request log may show it. A class, not a record, so
/// that no generated <c>ToString</c> ever prints the md5.
/// </summary>
internal sealed class ParsedCall
{
    public string? Function { get; init; }

    public string? ClientId { get; init; }

    /// <summary>Gets the md5 as sent; compared, never logged.</summary>
    public string? Md5 { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Gets a value indicating whether the body could not be read as a call at all.</summary>
    public bool Invalid { get; init; }

    /// <summary>Gets the body with every md5 hidden, or a placeholder when it cannot be shown safely.</summary>
    public required string RedactedBody { get; init; }

    /// <summary>Reads an ID parameter: absent, empty or 0 is no value; anything but a non-negative integer is invalid.</summary>
    public bool TryId(string name, out long? value)
    {
        value = null;
        if (!Parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            value = number == 0 ? null : number;
            return true;
        }

        return false;
    }

    /// <summary>Reads a day parameter (<c>YYYY-MM-DD</c>): absent, empty or 0 (an unset XML-RPC slot) is no value; any other text is invalid.</summary>
    public bool TryDay(string name, out DateOnly? value)
    {
        value = null;
        if (!Parameters.TryGetValue(name, out var text) || text.Length == 0 || text == "0")
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            value = day;
            return true;
        }

        return false;
    }
}
