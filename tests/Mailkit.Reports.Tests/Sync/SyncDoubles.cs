using System.Collections.Concurrent;
using Mailkit.Reports.Models;
using Mailkit.Reports.Sync;

namespace Mailkit.Reports.Tests.Sync;

/// <summary>A client whose walks are scripted call by call; calls beyond the script find no new bounce.</summary>
internal sealed class ScriptedWalks : IMailkitClient
{
    private readonly ConcurrentQueue<Func<RawBouncesRequest, IAsyncEnumerable<BouncePage>>> _script = new();
    private readonly ConcurrentQueue<RawBouncesRequest> _requests = new();

    public IReadOnlyList<RawBouncesRequest> Requests => [.. _requests];

    public ScriptedWalks Then(params BouncePage[] pages) => Then(_ => Pages(pages, null));

    public ScriptedWalks ThenFail(Exception error, params BouncePage[] pages) => Then(_ => Pages(pages, error));

    public ScriptedWalks Then(Func<RawBouncesRequest, IAsyncEnumerable<BouncePage>> walk)
    {
        _script.Enqueue(walk);
        return this;
    }

    public Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(request);
        return _script.TryDequeue(out var walk) ? walk(request) : Pages([], null);
    }

    public static BouncePage Page(long firstId, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => new BounceRecord { UndeliveredLogId = firstId + i })], new RawBouncesRequest { StartId = firstId + count });

    private static async IAsyncEnumerable<BouncePage> Pages(BouncePage[] pages, Exception? end)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }

        await Task.Yield();
        if (end is not null)
        {
            throw end;
        }
    }
}

/// <summary>A session over a scripted client, a cursor in memory and a handler that can be told to fail.</summary>
/// <remarks>Not disposable: the engine disposes the session after each cycle, and disposing it does nothing.</remarks>
internal sealed class MemorySession(ScriptedWalks client) : IBounceSyncSession
{
    public RawBouncesRequest? Cursor { get; set; }

    public List<string> Events { get; } = [];

    public Func<BouncePage, Task>? Handler { get; set; }

    public Exception? LoadError { get; set; }

    public IMailkitClient Client => client;

    public Task<RawBouncesRequest?> LoadCursorAsync(CancellationToken cancellationToken) =>
        LoadError is { } error ? Task.FromException<RawBouncesRequest?>(error) : Task.FromResult(Cursor);

    public async Task HandleAsync(BouncePage page, CancellationToken cancellationToken)
    {
        Events.Add($"handle {page.Records[0].UndeliveredLogId}");
        if (Handler is { } handler)
        {
            await handler(page);
        }
    }

    public Task SaveCursorAsync(RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        Events.Add($"save {cursor.StartId}");
        Cursor = cursor;
        return Task.CompletedTask;
    }

    public Exception FilterMismatch(RawBouncesRequest saved, RawBouncesRequest wanted) =>
        new InvalidOperationException($"filter {saved.CampaignId}/{saved.SendId} is not {wanted.CampaignId}/{wanted.SendId}");

    public bool IsUnusableCursor(Exception exception) => exception is InvalidDataException;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
