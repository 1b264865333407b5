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
}
