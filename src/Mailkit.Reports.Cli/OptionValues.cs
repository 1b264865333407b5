using System.Globalization;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>
/// How the text of each option of <c>export</c> becomes its value, or the one line that says why it cannot. A value
/// that may be secret is never echoed (see <see cref="SafeText.Quote"/>); the client ID is not echoed at all, since an
/// md5 pasted there by mistake would be printed.
/// </summary>
internal static class OptionValues
{
    public static (Uri? Value, string? Problem) Endpoint(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"--endpoint must be an absolute http or https address (it is {SafeText.Quote(text)}).");
        }

        return uri.UserInfo.Length > 0 ? (null, "--endpoint must not hold a user name or password; Mailkit needs neither.") : (uri, null);
    }

    /// <summary>The client ID from <c>--client-id</c> or <c>MAILKIT_CLIENT_ID</c>.</summary>
    public static (int? Value, string? Problem) ClientId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? (id, null)
            : (null, $"--client-id (or MAILKIT_CLIENT_ID) must be a positive integer (it has {text.Length} characters that are not one).");

    public static (MailkitTransportKind? Value, string? Problem) Transport(string text) => text.ToLowerInvariant() switch
    {
        "json" => (MailkitTransportKind.Json, null),
        "xmlrpc" or "xml-rpc" => (MailkitTransportKind.XmlRpc, null),
        _ => (null, $"--transport must be json or xmlrpc (it is {SafeText.Quote(text)})."),
    };

    public static (ExportFormat? Value, string? Problem) Format(string text) =>
        ExportFormatNames.Parse(text) is { } format
            ? (format, null)
            : (null, $"--format must be sqlite, postgres, ndjson or csv (it is {SafeText.Quote(text)}).");

    /// <summary>An ID filter or start: digits only, so that a sign or a space is refused as well as a word.</summary>
    public static Func<string, (long? Value, string? Problem)> NonNegative(string name) => text =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (null, $"{name} must be a non-negative integer (it is {SafeText.Quote(text)}).");

    /// <summary>The page size; its range is the SDK's (<see cref="RawBouncesRequest.GetValidationErrors"/>), not a copy of it.</summary>
    public static (int? Value, string? Problem) PageSize(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && new RawBouncesRequest { PageSize = size }.GetValidationErrors().Count == 0
            ? (size, null)
            : (null, $"--page-size must be from 1 to {RawBouncesRequest.MaxPageSize.ToString(CultureInfo.InvariantCulture)} (it is {SafeText.Quote(text)}).");

    public static (int? Value, string? Problem) DemoRecords(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 0 and <= ExportSettings.MaxDemoRecords
            ? (count, null)
            : (null, $"--demo-records must be from 0 to {ExportSettings.MaxDemoRecords.ToString(CultureInfo.InvariantCulture)} (it is {SafeText.Quote(text)}).");

    /// <summary>The wait of <c>--follow</c>: a whole number of seconds, minutes or hours (<c>30s</c>, <c>15m</c>, <c>1h</c>), from 1 s to 24 h.</summary>
    public static (TimeSpan? Value, string? Problem) Interval(string text)
    {
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 86_400)
        {
            TimeSpan? interval = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(count),
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                _ => null,
            };
            if (interval is { } value && value >= TimeSpan.FromSeconds(1) && value <= ExportSettings.MaxInterval)
            {
                return (value, null);
            }
        }

        return (null, $"--interval must be a whole number of seconds, minutes or hours from 1s to 24h, like 30s, 15m or 1h (it is {SafeText.Quote(text)}).");
    }

    /// <summary>Writes an interval as <c>--interval</c> takes it: <c>30s</c>, <c>15m</c>, <c>1h</c>.</summary>
    public static string IntervalText(TimeSpan interval) =>
        interval.TotalHours == Math.Floor(interval.TotalHours) ? $"{interval.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : interval.TotalMinutes == Math.Floor(interval.TotalMinutes) ? $"{interval.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m"
        : $"{Math.Floor(interval.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";
}
