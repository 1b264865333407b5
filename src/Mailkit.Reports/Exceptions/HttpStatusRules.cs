using System.Net;

namespace Mailkit.Reports;

/// <summary>What an HTTP answer says about trying again.</summary>
internal static class HttpStatusRules
{
    /// <summary>408, 429 and every 5xx: statuses a later attempt may not see.</summary>
    public static bool IsTransient(HttpStatusCode code)
    {
        var value = (int)code;
        return value is 408 or 429 || value >= 500;
    }

    /// <summary>The delay the server asked for in <c>Retry-After</c> (a delta, or a date read against the client's clock).</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
