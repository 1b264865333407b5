using System.Runtime.CompilerServices;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// JSON, except that a record whose TEXT_STATUS starts with <c>POISON</c> is refused the way the SDK's decoders refuse a
/// bad value: with the field, and the record's ID unless <paramref name="idKnown"/> is false.
/// </summary>
internal sealed class PoisonTransport(bool idKnown = true) : MailkitTransport
{
    public override string Name => "json";

    public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials) =>
        Json.CreateRequest(endpoint, functionCall, credentials);

    public override async IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(Stream body, MailkitResponseContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in Json.ReadBounceRecordsAsync(body, context, cancellationToken))
        {
            if (record.ServerReply.StartsWith("POISON", StringComparison.Ordinal))
            {
                var text = Encoding.UTF8.GetBytes($"{{\"ID_UNDELIVERED_LOG\":\"{record.UndeliveredLogId}\",\"TEXT_STATUS\":\"{record.ServerReply}\"}}");
                throw context.CreateInvalidRecordException("the value is not valid", "TEXT_STATUS", idKnown ? record.UndeliveredLogId : null, 0, text);
            }

            yield return record;
        }
    }
}

/// <summary>JSON, except that every answer is an API error with the given text.</summary>
internal sealed class ApiErrorTransport(string message) : MailkitTransport
{
    public override string Name => "json";

    public override HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials) =>
        Json.CreateRequest(endpoint, functionCall, credentials);

    public override async IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(Stream body, MailkitResponseContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw context.CreateApiException(1, message);
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}
