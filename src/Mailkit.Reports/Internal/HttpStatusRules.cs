using System.Net;

namespace Mailkit.Reports.Internal;

internal static class HttpStatusRules
{
    /// <summary>408, 429 and every 5xx: statuses a later attempt may not see.</summary>
    public static bool IsTransient(HttpStatusCode code)
    {
        var value = (int)code;
        return value is 408 or 429 || value >= 500;
    }
}
