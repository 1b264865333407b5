using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.Decoding;
using Mailkit.Reports.Transport;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Pagination;

/// <summary>
/// A page reader over a list of IDs, with the server behaviours the walker must survive: an inclusive or exclusive
/// start, a page cap, an ignored cursor, a repeated boundary record, a page out of order, and injected failures.
/// The same pages are served as JSON bodies through <see cref="JsonHandler"/>, for a whole client in memory.
/// </summary>
internal sealed class InMemoryPages
{
    private long? _lastServed;

    public InMemoryPages(IEnumerable<long> ids) => Ids = ids.Order().ToList();

    public List<long> Ids { get; }

    public bool ExclusiveStart { get; set; }

    public int? PageCap { get; set; }

    public bool IgnoreStart { get; set; }

    public bool SwapFirstTwo { get; set; }

    public bool RepeatPreviousLast { get; set; }

    /// <summary>Gets or sets what call number n throws before any record, if anything (a failure before the body).</summary>
    public Func<int, Exception?>? CallFault { get; set; }

    /// <summary>Gets or sets what call number n throws instead of the record with the given ID, if anything.</summary>
    public Func<int, long, Exception?>? RecordFault { get; set; }

    /// <summary>Gets or sets whether an empty page is answered as <c>{}</c> instead of <c>[]</c> (JSON bodies only).</summary>
    public bool EmptyAsObject { get; set; }

    /// <summary>Gets the fields a JSON body gives each record, by ID; a record not here gets <see cref="RecordBodies.DefaultFields"/>.</summary>
    public Dictionary<long, IReadOnlyList<KeyValuePair<string, string>>> Fields { get; } = [];

    /// <summary>Gets or sets what answers call number n instead of its JSON body (given), when it returns a response.</summary>
    public Func<int, string, HttpResponseMessage?>? WireFault { get; set; }

    public int Calls { get; private set; }

    public List<long?> Starts { get; } = [];

    public static IEnumerable<long> Range(int first, int count) => Enumerable.Range(first, count).Select(i => (long)i);

    /// <summary>A body cut short, as the invoker reports it.</summary>
    public static MailkitException BodyCut() =>
        new MailkitNetworkException("mailkit.report.raw.bounces", HttpStatusCode.OK, new IOException("The connection was reset.")) { IsBodyFailure = true };

    /// <summary>Gets the IDs whose records hold a value the SDK cannot accept: set aside under the skip policy, thrown otherwise.</summary>
    public HashSet<long> Invalid { get; } = [];

    /// <summary>Gets or sets whether an invalid record ends its response even under the skip policy, as a transport of the caller's own does.</summary>
    public bool InvalidEndsResponse { get; set; }

    /// <summary>The exception a decoder creates for the invalid record with the given ID.</summary>
    public static MailkitProtocolException InvalidRecordError(long id) =>
        new MailkitResponseContext("mailkit.report.raw.bounces", HttpStatusCode.OK).CreateInvalidRecordException(
            "the value is not a non-negative integer.", "ID_USER_LIST", id, 0, System.Text.Encoding.UTF8.GetBytes($"{{\"ID_UNDELIVERED_LOG\":\"{id}\",\"ID_USER_LIST\":\"-1\"}}"));

    public async IAsyncEnumerable<DecodedRecord> ReadAsync(RawBouncesRequest request, ActivityContext parent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls++;
        var call = Calls;
        Starts.Add(request.StartId);
        if (CallFault?.Invoke(call) is { } failure)
        {
            throw failure;
        }

        foreach (var id in Select(request.StartId, request.PageSize))
        {
            await Task.Yield();
            if (RecordFault?.Invoke(call, id) is { } cut)
            {
                throw cut;
            }

            if (Invalid.Contains(id))
            {
                var error = InvalidRecordError(id);
                if (!request.InvalidRecords.Skips || InvalidEndsResponse)
                {
                    throw error;
                }

                yield return DecodedRecord.SetAside(InvalidBounceRecord.From(error)!);
                continue;
            }

            yield return DecodedRecord.Of(new BounceRecord { UndeliveredLogId = id });
        }
    }

    /// <summary>An HTTP handler that answers each raw bounces call with its page as a JSON body.</summary>
    public MockHttpMessageHandler JsonHandler()
    {
        var handler = TestSupport.StrictHandler();
        handler.When("*").Respond(AnswerAsync);
        return handler;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
    {
        Calls++;
        var (start, limit) = RecordBodies.RequestedPage(await request.Content!.ReadAsStringAsync());
        Starts.Add(start);
        var page = Select(start, limit);
        var body = page.Count == 0 && EmptyAsObject
            ? "{}"
            : RecordBodies.Json(page.Select(id => Fields.TryGetValue(id, out var fields) ? fields : RecordBodies.DefaultFields(id)));
        return WireFault?.Invoke(Calls, body) ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private List<long> Select(long? start, int limit)
    {
        var take = Math.Min(limit, PageCap ?? int.MaxValue);
        var from = IgnoreStart || start is null ? Ids : Ids.Where(id => ExclusiveStart ? id > start : id >= start);
        var page = from.Take(take).ToList();
        if (RepeatPreviousLast && _lastServed is { } last && page.Count > 0 && page[0] != last)
        {
            page.Insert(0, last);
        }

        if (SwapFirstTwo && page.Count >= 2)
        {
            (page[0], page[1]) = (page[1], page[0]);
        }

        if (page.Count > 0)
        {
            _lastServed = page.Max();
        }

        return page;
    }
}
