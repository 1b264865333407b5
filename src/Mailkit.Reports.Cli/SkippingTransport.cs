using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The transport of an export with <c>--skip-invalid</c>: a call that would start at a record set aside asks from the ID
/// after it. The SDK's walk asks from one below its cursor until the server proves inclusive, so the first call after a
/// skipped record would otherwise get that record again and fail on it again. Mailkit documents the start as inclusive,
/// so asking from the next ID loses nothing.
/// </summary>
internal sealed class SkippingTransport(MailkitTransport inner) : MailkitTransport
{
    private readonly HashSet<long> _skipped = [];
    private readonly Lock _gate = new();

    public override string Name => inner.Name;

    public void Skip(long undeliveredLogId)
    {
        lock (_gate)
        {
            _skipped.Add(undeliveredLogId);
        }
    }

    public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(functionCall);
        lock (_gate)
        {
            if (functionCall.FunctionName == MailkitFunctionCall.RawBouncesFunction
                && functionCall.Parameters.Any(p => p.Name == "ID_undelivered_log" && p.Value is { } start && _skipped.Contains(start)))
            {
                functionCall = new MailkitFunctionCall(
                    functionCall.FunctionName,
                    [
                        .. functionCall.Parameters.Select(p =>
                            p.Name == "ID_undelivered_log" && p.Value is { } start && _skipped.Contains(start) ? p with { Value = start + 1 } : p),
                    ]);
            }
        }

        return inner.CreateRequest(endpoint, functionCall, credentials);
    }

    public override IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(Stream body, MailkitResponseContext context, CancellationToken cancellationToken) =>
        inner.ReadBounceRecordsAsync(body, context, cancellationToken);
}
