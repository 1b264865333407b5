using System.Globalization;
using System.Net;
using Mailkit.Reports.Testing.Wire;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// Decides the answer to one request, first rule that applies wins: an unknown path, the server's rate limit, a fault,
/// an unreadable call, the credentials, the allow-list, the function, the parameters, and at last the page: raw bounces
/// here, the world's other reports by <see cref="ReportAnswers"/>.
/// </summary>
internal sealed class EmulatorDecisionChain(EmulatorSettings settings, BounceStore store, ReportAnswers reports, FaultPlan faults, ServerRateLimiter rateLimiter)
{
    private const string BadGatewayPage =
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private const string MaintenancePage = "<!DOCTYPE html><html><body><h1>Probíhá údržba</h1><p>Maintenance in progress.</p></body></html>";

    public EmulatorAnswer Decide(int number, DateTimeOffset now, string path, MailkitTransportKind transport, ParsedCall call)
    {
        if (!EmulatorRequestParser.IsApiPath(path))
        {
            return EmulatorAnswer.Html(HttpStatusCode.NotFound, "<html><body><h1>404 Not Found</h1></body></html>", EmulatorFault.None);
        }

        if (rateLimiter.Admit(now) is { } wait)
        {
            return EmulatorAnswer.Plain(HttpStatusCode.TooManyRequests, "Too many requests", EmulatorFault.None, wait);
        }

        var fault = faults.Pick(number);
        switch (fault)
        {
            case EmulatorFault.TooManyRequests:
                return EmulatorAnswer.Plain(HttpStatusCode.TooManyRequests, "Too many requests", fault, settings.FaultRetryAfter);
            case EmulatorFault.InternalServerError:
                return EmulatorAnswer.Plain(HttpStatusCode.InternalServerError, "Internal Server Error", fault, null);
            case EmulatorFault.ServiceUnavailable:
                return EmulatorAnswer.Plain(HttpStatusCode.ServiceUnavailable, "Service Unavailable", fault, settings.FaultRetryAfter);
            case EmulatorFault.BadGateway:
                return EmulatorAnswer.Html(HttpStatusCode.BadGateway, BadGatewayPage, fault);
            case EmulatorFault.HtmlPage:
                return EmulatorAnswer.Html(HttpStatusCode.OK, MaintenancePage, fault);
            case EmulatorFault.Unauthorized:
                return EmulatorResponseWriter.Error(transport, "Unauthorized", fault);
            case EmulatorFault.DisallowedIp:
                return EmulatorResponseWriter.Error(transport, $"Disallowed IP {settings.DisallowedIp ?? "127.0.0.1"}", fault);
        }

        // The faults left (slow response, cut-short or reset body) change how the answer is delivered, not what it is.
        if (call.Invalid)
        {
            return EmulatorResponseWriter.Error(transport, "Invalid request", fault);
        }

        if (call.ClientId != settings.ClientId.ToString(CultureInfo.InvariantCulture) || !string.Equals(call.Md5, settings.ClientMd5, StringComparison.OrdinalIgnoreCase))
        {
            return EmulatorResponseWriter.Error(transport, "Unauthorized", fault);
        }

        if (settings.DisallowedIp is { } ip)
        {
            return EmulatorResponseWriter.Error(transport, $"Disallowed IP {ip}", fault);
        }

        if (call.Function != MailkitFunctionCall.RawBouncesFunction)
        {
            return reports.Answer(transport, call, fault) ?? EmulatorResponseWriter.Error(transport, $"Unknown function {call.Function}", fault);
        }

        if (!call.TryId("ID_message", out var campaign))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_message", fault);
        }

        if (!call.TryId("ID_send", out var send))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid ID_send", fault);
        }

        if (!call.TryId("ID_undelivered_log", out var start) || !call.TryId("limit", out var asked))
        {
            return EmulatorResponseWriter.Error(transport, "Invalid request", fault);
        }

        var page = store.Select(campaign, send, start, SortedPage.Take(asked, settings.PageCap), settings.ExclusiveStart);
        return (page.Count == 0 ? reports.EmptyRawBounces(transport, fault) : null) ?? EmulatorResponseWriter.Page(transport, page, settings.NumbersAsJsonNumbers, fault);
    }
}
