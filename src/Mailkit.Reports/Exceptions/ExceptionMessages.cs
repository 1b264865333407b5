using System.Globalization;
using System.Net;

namespace Mailkit.Reports;

/// <summary>The formatting the exception messages share.</summary>
internal static class ExceptionMessages
{
    /// <summary>The HTTP status as a number, or <c>none</c> when no response was received.</summary>
    public static string FormatStatus(HttpStatusCode? statusCode) =>
        statusCode is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : "none";
}
