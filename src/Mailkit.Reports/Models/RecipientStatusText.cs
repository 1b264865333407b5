namespace Mailkit.Reports.Models;

/// <summary>The one reading of <c>RECIPIENT_STATUS</c>'s text, for the decoders and the classifier alike.</summary>
internal static class RecipientStatusText
{
    /// <summary>
    /// Reads <c>permanent</c> or <c>temporary</c>, in any case; anything else, empty or <see langword="null"/> included,
    /// is <see cref="RecipientStatus.Unknown"/>.
    /// </summary>
    public static RecipientStatus Parse(string? text) => text switch
    {
        "permanent" => RecipientStatus.Permanent,
        "temporary" => RecipientStatus.Temporary,
        _ when string.Equals(text, "permanent", StringComparison.OrdinalIgnoreCase) => RecipientStatus.Permanent,
        _ when string.Equals(text, "temporary", StringComparison.OrdinalIgnoreCase) => RecipientStatus.Temporary,
        _ => RecipientStatus.Unknown,
    };
}
