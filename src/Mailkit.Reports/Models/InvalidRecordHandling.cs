namespace Mailkit.Reports.Models;

/// <summary>
/// What a call or a walk does with a record whose value the SDK cannot accept (an ID that is not a non-negative integer,
/// a malformed status, a key sent twice) in a response that is otherwise sound: throw, or set the record aside and read on.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Throw"/>, the default, ends the call or the walk with a <see cref="MailkitProtocolException"/> that names the
/// field and the record's <c>ID_UNDELIVERED_LOG</c> and carries the request to resume from.
/// </para>
/// <para>
/// <see cref="Skip()"/> sets such a record aside and reads on in the same response, so a value wrong in every record of a
/// page costs no extra call. The walk's cursor moves past the record as past any other, so no other record is lost or
/// repeated; the record is reported once per walk, in the order of the response: to the callback, when one is given, and
/// in <see cref="BouncePage.SkippedRecords"/> of the page it arrived in. A walk resumed from a page's
/// <see cref="BouncePage.NextRequest"/> does not report it again; a walk resumed from a point before it does.
/// </para>
/// <para>
/// Failures that are not one record still throw under either policy: a body that is not JSON or XML-RPC, a body cut short,
/// a record or a response over its cap, and a record whose <c>ID_UNDELIVERED_LOG</c> cannot be read, since the cursor
/// cannot be placed after a record without an ID.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var request = new RawBouncesRequest
/// {
///     InvalidRecords = InvalidRecordHandling.Skip(skipped =&gt;
///         logger.LogWarning("Skipped bounce {Id}: {Field} {Problem}", skipped.UndeliveredLogId, skipped.FieldName, skipped.Problem)),
/// };
/// await foreach (BouncePage page in client.GetRawBouncePagesAsync(request))
/// {
///     await store.SaveAsync(page.Records, page.SkippedRecords, page.NextRequest);
/// }
/// </code>
/// </example>
public sealed class InvalidRecordHandling
{
    private static readonly InvalidRecordHandling SkipQuietly = new(skips: true, null);

    private readonly Func<InvalidBounceRecord, CancellationToken, ValueTask>? _onSkipped;

    private InvalidRecordHandling(bool skips, Func<InvalidBounceRecord, CancellationToken, ValueTask>? onSkipped)
    {
        Skips = skips;
        _onSkipped = onSkipped;
    }

    /// <summary>Gets the default policy: a record the SDK cannot accept ends the call or the walk with a <see cref="MailkitProtocolException"/>.</summary>
    public static InvalidRecordHandling Throw { get; } = new(skips: false, null);

    /// <summary>Gets a value indicating whether records the SDK cannot accept are set aside rather than thrown.</summary>
    public bool Skips { get; }

    /// <summary>Sets records the SDK cannot accept aside; they are reported in <see cref="BouncePage.SkippedRecords"/>.</summary>
    /// <returns>The policy.</returns>
    public static InvalidRecordHandling Skip() => SkipQuietly;

    /// <summary>Sets records the SDK cannot accept aside and calls <paramref name="onSkipped"/> for each, as the walk reaches it.</summary>
    /// <param name="onSkipped">Called once for each record set aside, before the walk moves past it; an exception it throws ends the walk.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onSkipped"/> is <see langword="null"/>.</exception>
    public static InvalidRecordHandling Skip(Action<InvalidBounceRecord> onSkipped)
    {
        ArgumentNullException.ThrowIfNull(onSkipped);
        return new(skips: true, (record, _) =>
        {
            onSkipped(record);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Sets records the SDK cannot accept aside and awaits <paramref name="onSkipped"/> for each, as the walk reaches it.</summary>
    /// <param name="onSkipped">
    /// Awaited once for each record set aside, with the walk's token, before the walk moves past it; an exception it
    /// throws ends the walk.
    /// </param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onSkipped"/> is <see langword="null"/>.</exception>
    public static InvalidRecordHandling Skip(Func<InvalidBounceRecord, CancellationToken, ValueTask> onSkipped)
    {
        ArgumentNullException.ThrowIfNull(onSkipped);
        return new(skips: true, onSkipped);
    }

    /// <summary>Returns <c>Throw</c> or <c>Skip</c>.</summary>
    /// <returns>The policy's name.</returns>
    public override string ToString() => Skips ? nameof(Skip) : nameof(Throw);

    /// <summary>Tells the caller's callback, if any, about a record set aside.</summary>
    internal ValueTask OnSkippedAsync(InvalidBounceRecord record, CancellationToken cancellationToken) =>
        _onSkipped?.Invoke(record, cancellationToken) ?? ValueTask.CompletedTask;
}
