using System.Net;
using System.Text;

namespace Mailkit.Reports.Testing.Wire;

/// <summary>What the emulator answers one request with.</summary>
internal sealed record EmulatorAnswer(HttpStatusCode Status, string ContentType, byte[] Body, EmulatorFault Fault, TimeSpan? RetryAfter, int Records)
{
    public static EmulatorAnswer Html(HttpStatusCode status, string html, EmulatorFault fault) =>
        new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), fault, null, 0);

    public static EmulatorAnswer Plain(HttpStatusCode status, string text, EmulatorFault fault, TimeSpan? retryAfter) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), fault, retryAfter, 0);
}
