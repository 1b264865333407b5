using System.Globalization;

namespace Mailkit.Reports.Cli;

/// <summary>A record the SDK could not accept (<see cref="MailkitProtocolException.FieldName"/> set) and did not set aside: how to say so.</summary>
internal static class InvalidRecord
{
    /// <summary>One line naming the field and the record's ID, and what the user can do.</summary>
    public static string Describe(MailkitProtocolException ex, bool skipping)
    {
        var record = ex.UndeliveredLogId is { } id
            ? $"the record with ID_UNDELIVERED_LOG {id.ToString(CultureInfo.InvariantCulture)}"
            : "a record without a readable ID_UNDELIVERED_LOG";
        var advice = ex.UndeliveredLogId is null
            ? "it cannot be skipped because its ID is unknown"
            : skipping ? "it cannot be skipped here" : "--skip-invalid sets such records aside";
        return $"{record} has a value in {ex.FieldName} the tool cannot accept ({ex.Message}); {advice}.";
    }
}
