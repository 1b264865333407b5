namespace Mailkit.Reports.Diagnostics;

/// <summary>The names of the tags the SDK puts on its spans and measurements.</summary>
internal static class TagNames
{
    public const string Function = "mailkit.function";
    public const string Transport = "mailkit.transport";
    public const string ClientId = "mailkit.client_id";
    public const string StartId = "mailkit.start_id";
    public const string PageSize = "mailkit.page_size";
    public const string Records = "mailkit.records";
    public const string NextStartId = "mailkit.next_start_id";
    public const string Outcome = "mailkit.outcome";
    public const string ErrorType = "error.type";
    public const string HttpStatusCode = "http.response.status_code";
}
