using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Tests.Sync;

/// <summary>A raw-message log in memory: each walk pages through it from the request's start ID; a walk may be told to fail.</summary>
internal sealed class MessageLog(params long[] ids) : IMailkitClient
{
    private readonly ConcurrentQueue<RawMessagesRequest> _requests = new();
    private readonly ConcurrentQueue<(int Pages, MailkitException Error)> _failures = new();

    public IReadOnlyList<RawMessagesRequest> Requests => [.. _requests];

    /// <summary>The next walk yields <paramref name="pages"/> pages and then fails with <paramref name="error"/>.</summary>
    public MessageLog ThenFail(int pages, MailkitException error)
    {
        _failures.Enqueue((pages, error));
        return this;
    }

    public Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<ReportPage<RawMessageRecord, RawMessagesRequest>> GetRawMessagePagesAsync(RawMessagesRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(request);
        return WalkAsync(request, _failures.TryDequeue(out var failure) ? failure : null, cancellationToken);
    }

    private async IAsyncEnumerable<ReportPage<RawMessageRecord, RawMessagesRequest>> WalkAsync(
        RawMessagesRequest request, (int Pages, MailkitException Error)? failure, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = 0;
        var rest = ids.Where(id => id >= (request.StartId ?? 0)).ToList();
        while (rest.Count > 0)
        {
            if (failure is { } f && pages == f.Pages)
            {
                throw f.Error;
            }

            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var page = rest.Take(request.PageSize).ToList();
            rest = rest[page.Count..];
            pages++;
            yield return new ReportPage<RawMessageRecord, RawMessagesRequest>(
                [.. page.Select(id => new RawMessageRecord { SendMessageId = id })],
                request with { StartId = page[^1] + 1 });
        }

        if (failure is { } end && pages <= end.Pages)
        {
            throw end.Error;
        }
    }
}

/// <summary>A raw-message sync session over a client, a cursor in memory and a handler that can be told to fail.</summary>
internal sealed class MessageSession(IMailkitClient client) : ISyncSession<RawMessagesRequest, ReportPage<RawMessageRecord, RawMessagesRequest>>
{
    public RawMessagesRequest? Cursor { get; set; }

    public List<long> Handled { get; } = [];

    public Func<ReportPage<RawMessageRecord, RawMessagesRequest>, Task>? Handler { get; set; }

    public Exception? LoadError { get; set; }

    public IMailkitClient Client => client;

    public Task<RawMessagesRequest?> LoadCursorAsync(CancellationToken cancellationToken) =>
        LoadError is { } error ? Task.FromException<RawMessagesRequest?>(error) : Task.FromResult(Cursor);

    public async Task HandleAsync(ReportPage<RawMessageRecord, RawMessagesRequest> page, CancellationToken cancellationToken)
    {
        if (Handler is { } handler)
        {
            await handler(page);
        }

        Handled.AddRange(page.Records.Select(r => r.SendMessageId));
    }

    public Task SaveCursorAsync(RawMessagesRequest cursor, CancellationToken cancellationToken)
    {
        Cursor = cursor;
        return Task.CompletedTask;
    }

    public Exception FilterMismatch(RawMessagesRequest saved, RawMessagesRequest wanted) =>
        new InvalidOperationException($"filter {saved.CampaignId}/{saved.SendId} is not {wanted.CampaignId}/{wanted.SendId}");

    public bool IsUnusableCursor(Exception exception) => exception is InvalidDataException;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
