using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Hosting.Tests;

/// <summary>A client whose walks are scripted call by call; calls beyond the script find no new bounce.</summary>
internal sealed class ScriptedClient : IMailkitClient
{
    private readonly ConcurrentQueue<Func<RawBouncesRequest, IAsyncEnumerable<BouncePage>>> _script = new();
    private readonly ConcurrentQueue<RawBouncesRequest> _requests = new();

    public IReadOnlyList<RawBouncesRequest> Requests => [.. _requests];

    public ScriptedClient Then(Func<RawBouncesRequest, IAsyncEnumerable<BouncePage>> walk)
    {
        _script.Enqueue(walk);
        return this;
    }

    public ScriptedClient ThenThrow(Exception exception) => Then(_ => Throw(exception));

    public ScriptedClient ThenPages(params BouncePage[] pages) => Then(_ => Pages(pages));

    public Task<BouncePage> GetRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<BounceRecord> GetAllRawBouncesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<BouncePage> GetRawBouncePagesAsync(RawBouncesRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(request);
        return _script.TryDequeue(out var walk) ? walk(request) : Pages([]);
    }

    public static BouncePage Page(long firstId, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => new BounceRecord { UndeliveredLogId = firstId + i })], new RawBouncesRequest { StartId = firstId + count });

    public static async IAsyncEnumerable<BouncePage> Pages(BouncePage[] pages, Exception? end = null)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }

        if (end is not null)
        {
            throw end;
        }
    }

    private static async IAsyncEnumerable<BouncePage> Throw(Exception exception, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        throw exception;
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}

/// <summary>Keeps the records handed over, in order, and the contexts; can be told to fail or to wait.</summary>
internal sealed class CollectingHandler : IBounceHandler
{
    public ConcurrentQueue<long> Ids { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<BounceSyncContext> Contexts { get; } = new();

    public ConcurrentQueue<InvalidBounceRecord> Skipped { get; } = new();

    public Func<BouncePage, CancellationToken, Task>? Before { get; set; }

    public async Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken)
    {
        Events.Enqueue($"handle {(page.Records.Count > 0 ? page.Records[0].UndeliveredLogId : null)}");
        Contexts.Enqueue(context);
        if (Before is { } before)
        {
            await before(page, cancellationToken);
        }

        foreach (var record in page.Records)
        {
            Ids.Enqueue(record.UndeliveredLogId);
        }

        foreach (var skipped in page.SkippedRecords)
        {
            Skipped.Enqueue(skipped);
        }
    }
}

/// <summary>The handler the sync resolves: a scoped service that forwards to the test's shared <see cref="CollectingHandler"/>.</summary>
internal sealed class ForwardingHandler(CollectingHandler inner) : IBounceHandler
{
    public Task HandleAsync(BouncePage page, BounceSyncContext context, CancellationToken cancellationToken) => inner.HandleAsync(page, context, cancellationToken);
}

/// <summary>A cursor store in memory, keyed by sync name, that logs its saves beside the handler's events and keeps the keys it was given.</summary>
internal sealed class MemoryCursorStore(CollectingHandler? events = null) : IBounceCursorStore
{
    private readonly ConcurrentDictionary<string, RawBouncesRequest> _cursors = new();

    public ConcurrentQueue<BounceSyncKey> Keys { get; } = new();

    public RawBouncesRequest? this[string syncName]
    {
        get => _cursors.TryGetValue(syncName, out var cursor) ? cursor : null;
        set => _cursors[syncName] = value!;
    }

    public Task<RawBouncesRequest?> LoadAsync(BounceSyncKey key, CancellationToken cancellationToken)
    {
        Keys.Enqueue(key);
        return Task.FromResult(this[key.SyncName]);
    }

    public Task SaveAsync(BounceSyncKey key, RawBouncesRequest cursor, CancellationToken cancellationToken)
    {
        events?.Events.Enqueue($"save {cursor.StartId}");
        _cursors[key.SyncName] = cursor;
        return Task.CompletedTask;
    }
}

internal static class Eventually
{
    /// <summary>Waits for work on other threads to reach a condition; the bound only stops a broken test from hanging.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(2);
        }
    }
}
