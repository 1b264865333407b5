using System.Runtime.CompilerServices;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Transport;

/// <summary>
/// Turns a function call into an HTTP request and a response body into records: the one place that knows a wire format.
/// </summary>
/// <remarks>
/// <para>
/// The SDK calls <see cref="CreateRequest"/> once for every attempt, so a retried request always carries its full body,
/// and <see cref="ReadBounceRecordsAsync"/> once for every response, with the body as it arrives.
/// Implementations must be thread-safe: one instance serves every call of a client.
/// </para>
/// <para>
/// A decoder yields each record as soon as it is complete, and reports every problem through the factories on
/// <see cref="MailkitResponseContext"/>: an error Mailkit answered with <see cref="MailkitResponseContext.CreateApiException"/>,
/// anything it cannot read with <see cref="MailkitResponseContext.CreateProtocolException"/>. <see cref="BounceRecordBuilder"/>
/// maps keys and values to <see cref="BounceRecord"/> the same way for every format.
/// </para>
/// </remarks>
public abstract class MailkitTransport
{
    /// <summary>Gets the JSON transport: <c>POST {endpoint}json.fcgi</c> with <c>Content-Type: application/json</c>.</summary>
    public static MailkitTransport Json { get; } = new JsonTransport();

    /// <summary>Gets the XML-RPC transport: <c>POST {endpoint}rpc.fcgi</c> with <c>Content-Type: text/xml</c>.</summary>
    public static MailkitTransport XmlRpc { get; } = new XmlRpcTransport();

    /// <summary>Gets the built-in transport of a kind.</summary>
    /// <param name="kind">The wire format.</param>
    /// <returns><see cref="Json"/> or <see cref="XmlRpc"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static MailkitTransport For(MailkitTransportKind kind) => kind switch
    {
        MailkitTransportKind.Json => Json,
        MailkitTransportKind.XmlRpc => XmlRpc,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The transport kind must be Json or XmlRpc."),
    };

    /// <summary>Gets a short name for logs and telemetry, for example <c>json</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Creates a new HTTP request for one attempt of a call.</summary>
    /// <param name="endpoint">The API's base address, ending with <c>/</c>, for example <c>https://api.mailkit.eu/</c>.</param>
    /// <param name="functionCall">The function and its parameters.</param>
    /// <param name="credentials">The account's credentials.</param>
    /// <returns>A request that has not been sent; the caller owns and disposes it.</returns>
    public abstract HttpRequestMessage CreateRequest(Uri endpoint, MailkitFunctionCall functionCall, MailkitCredentials credentials);

    /// <summary>Decodes a response body into records, yielding each as soon as it has arrived.</summary>
    /// <param name="body">The response body, read as it arrives. The caller disposes it.</param>
    /// <param name="context">The response's status and the factories for the SDK's errors.</param>
    /// <param name="cancellationToken">A token that stops the reading.</param>
    /// <returns>The records in the order received.</returns>
    public abstract IAsyncEnumerable<BounceRecord> ReadBounceRecordsAsync(
        Stream body,
        MailkitResponseContext context,
        CancellationToken cancellationToken);

    /// <summary>
    /// Decodes a response body into its records and, for the SDK's own decoders when the context says so, the records
    /// they set aside. A transport of the caller's own yields only records: a record it refuses ends its response.
    /// </summary>
    internal virtual async IAsyncEnumerable<DecodedRecord> ReadDecodedAsync(
        Stream body,
        MailkitResponseContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ReadBounceRecordsAsync(body, context, cancellationToken).ConfigureAwait(false))
        {
            yield return DecodedRecord.Of(record);
        }
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The transport's name.</returns>
    public override string ToString() => Name;
}
