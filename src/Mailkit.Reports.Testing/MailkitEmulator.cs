using System.Collections.Concurrent;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing.Delivery;
using Mailkit.Reports.Testing.Emulation;
using Mailkit.Reports.Testing.Wire;

namespace Mailkit.Reports.Testing;

/// <summary>
/// An emulator of Mailkit's <c>mailkit.report.raw.bounces</c> over JSON (<c>json.fcgi</c>) and XML-RPC (<c>rpc.fcgi</c>),
/// as Mailkit's documentation and its known quirks describe it: inclusive start ID, at most 25 000 records a call,
/// the campaign and send filters, every JSON value a string, <c>{}</c> for an empty JSON result, errors in the body.
/// With a world (<see cref="AddWorld"/>) it also serves raw messages and responses, message bounces and recipients,
/// the campaign list, the sends of a campaign and the unsubscribed list, each with its own keys, types and paging.
/// </summary>
/// <remarks>
/// Run it in-process with <see cref="CreateHandler"/> or on a loopback socket with <see cref="StartServerAsync"/>.
/// Quirks (<see cref="PageCap"/>, <see cref="ExclusiveStart"/>, <see cref="NumbersAsJsonNumbers"/>), faults
/// (<see cref="FailRequest"/>, <see cref="FaultProbability"/>) and a server-side rate limit (<see cref="ServerRateLimit"/>)
/// are set on the instance; <see cref="Requests"/> logs every request with the md5 redacted. Thread-safe.
/// </remarks>
public sealed class MailkitEmulator
{
    /// <summary>The client ID the emulator accepts unless told otherwise.</summary>
    public const int DefaultClientId = EmulatorSettings.DefaultClientId;

    /// <summary>The md5 the emulator accepts unless told otherwise (a made-up value, never a real account's).</summary>
    public const string DefaultClientMd5 = EmulatorSettings.DefaultClientMd5;

    private readonly EmulatorSettings _settings = new();
    private readonly BounceStore _store = new();
    private readonly FaultPlan _faults;
    private readonly EmulatorDecisionChain _decisions;
    private readonly InFlightGauge _inFlight = new();
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private EmulatedWorld? _world;
    private int _requestCount;

    /// <summary>Initializes an emulator with the default account, no data and no faults.</summary>
    public MailkitEmulator()
    {
        _faults = new FaultPlan(_settings);
        var reports = new ReportAnswers(_settings, () => Volatile.Read(ref _world));
        _decisions = new EmulatorDecisionChain(_settings, _store, reports, _faults, new ServerRateLimiter(_settings));
    }

    /// <summary>Gets or sets the client ID accepted; any other is answered <c>Unauthorized</c>.</summary>
    public int ClientId { get => _settings.ClientId; set => _settings.ClientId = value; }

    /// <summary>Gets or sets the md5 accepted (compared without regard to case); any other is answered <c>Unauthorized</c>.</summary>
    public string ClientMd5 { get => _settings.ClientMd5; set => _settings.ClientMd5 = value; }

    /// <summary>Gets or sets an address to refuse every call from, answering <c>Disallowed IP …</c>; <see langword="null"/> allows all.</summary>
    public string? DisallowedIp { get => _settings.DisallowedIp; set => _settings.DisallowedIp = value; }

    /// <summary>Gets or sets the most records a call returns whatever its <c>limit</c> (a server that caps pages); <see langword="null"/> for 25 000.</summary>
    public int? PageCap { get => _settings.PageCap; set => _settings.PageCap = value; }

    /// <summary>Gets or sets a value indicating whether the start ID is treated as exclusive instead of inclusive.</summary>
    public bool ExclusiveStart { get => _settings.ExclusiveStart; set => _settings.ExclusiveStart = value; }

    /// <summary>Gets or sets a value indicating whether JSON IDs are sent as numbers instead of strings.</summary>
    public bool NumbersAsJsonNumbers { get => _settings.NumbersAsJsonNumbers; set => _settings.NumbersAsJsonNumbers = value; }

    /// <summary>
    /// Gets or sets a value indicating whether the numbers some reports send as JSON numbers (message bounces' IDs, the
    /// campaign list's <c>ID_MESSAGE</c>, <c>REPEAT_COUNT</c> and <c>USER_LIST</c>) are sent as strings instead.
    /// </summary>
    public bool NumbersAsJsonStrings { get => _settings.NumbersAsJsonStrings; set => _settings.NumbersAsJsonStrings = value; }

    /// <summary>Gets or sets the shape of an answer that finds no record.</summary>
    public EmulatorEmptyAnswer EmptyAnswer { get => _settings.EmptyAnswer; set => _settings.EmptyAnswer = value; }

    /// <summary>
    /// Gets or sets a value indicating whether <c>mailkit.mailinglist.unsubscribed</c> leaves out the records of the
    /// <c>range_from</c> day itself, instead of including them.
    /// </summary>
    public bool UnsubscribedRangeFromExclusive
    {
        get => _settings.UnsubscribedRangeFromExclusive;
        set => _settings.UnsubscribedRangeFromExclusive = value;
    }

    /// <summary>Gets or sets the probability (0 to 1) that a request not planned with <see cref="FailRequest"/> is answered with a fault.</summary>
    public double FaultProbability { get => _settings.FaultProbability; set => _settings.FaultProbability = value; }

    /// <summary>Gets or sets the faults drawn when <see cref="FaultProbability"/> strikes.</summary>
    public IReadOnlyList<EmulatorFault> RandomFaults { get => _settings.RandomFaults; set => _settings.RandomFaults = value; }

    /// <summary>Gets or sets the <c>Retry-After</c> sent with 429 and 503 faults; <see langword="null"/> sends none.</summary>
    public TimeSpan? FaultRetryAfter { get => _settings.FaultRetryAfter; set => _settings.FaultRetryAfter = value; }

    /// <summary>Gets or sets how long a <see cref="EmulatorFault.SlowResponse"/> waits before answering.</summary>
    public TimeSpan SlowResponseDelay { get => _settings.SlowResponseDelay; set => _settings.SlowResponseDelay = value; }

    /// <summary>
    /// Gets or sets the server-side rate limit: at most this many requests per <see cref="ServerRateLimitWindow"/>, answered
    /// 429 beyond it; <see langword="null"/> for none.
    /// </summary>
    public int? ServerRateLimit { get => _settings.ServerRateLimit; set => _settings.ServerRateLimit = value; }

    /// <summary>Gets or sets the window of <see cref="ServerRateLimit"/>.</summary>
    public TimeSpan ServerRateLimitWindow { get => _settings.ServerRateLimitWindow; set => _settings.ServerRateLimitWindow = value; }

    /// <summary>
    /// Gets or sets, when above 0, the size of the chunks a body is sent in (by the loopback server and the in-process
    /// handler), one every <see cref="TrickleInterval"/>.
    /// </summary>
    public int TrickleChunkBytes { get => _settings.TrickleChunkBytes; set => _settings.TrickleChunkBytes = value; }

    /// <summary>Gets or sets the pause between two trickled chunks.</summary>
    public TimeSpan TrickleInterval { get => _settings.TrickleInterval; set => _settings.TrickleInterval = value; }

    /// <summary>Gets or sets the clock used for the rate limit, slow responses and the request log.</summary>
    public TimeProvider TimeProvider { get => _settings.TimeProvider; set => _settings.TimeProvider = value; }

    /// <summary>Gets every request received so far, in order of arrival.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>
    /// Gets the largest number of requests that were in flight at once: from arrival to the last byte of the answer, or
    /// until the server learns that the client has gone.
    /// </summary>
    public int MaxConcurrentRequests => _inFlight.Max;

    /// <summary>Gets the bounces in the data set, in ascending ID order.</summary>
    public IReadOnlyList<EmulatedBounce> Bounces => _store.Snapshot();

    /// <summary>Gets the world <see cref="AddWorld"/> generated, or <see langword="null"/> before it is called.</summary>
    public EmulatedWorld? World => Volatile.Read(ref _world);

    /// <summary>Sets the seed of the random faults, so that a run can be repeated exactly.</summary>
    /// <param name="seed">The seed.</param>
    public void SeedFaults(int seed) => _faults.Seed(seed);

    /// <summary>Answers request number <paramref name="requestNumber"/> (1-based, across the emulator's life) with a fault.</summary>
    /// <param name="requestNumber">The request's number.</param>
    /// <param name="fault">The fault.</param>
    public void FailRequest(int requestNumber, EmulatorFault fault) => _faults.Plan(requestNumber, fault);

    /// <summary>Adds bounces to the data set.</summary>
    /// <param name="bounces">The bounces; an ID already present is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bounces"/> is <see langword="null"/>.</exception>
    public void Add(IEnumerable<EmulatedBounce> bounces)
    {
        ArgumentNullException.ThrowIfNull(bounces);
        _store.AddOrReplace(bounces);
    }

    /// <summary>Adds one bounce given by its fields as Mailkit sends them.</summary>
    /// <param name="fields">The fields, including <c>ID_UNDELIVERED_LOG</c>.</param>
    public void Add(params KeyValuePair<string, string>[] fields) => Add([new EmulatedBounce(fields)]);

    /// <summary>Adds <paramref name="count"/> generated bounces (see <see cref="BounceDataGenerator"/>).</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="firstId">The first ID.</param>
    /// <returns>This emulator.</returns>
    public MailkitEmulator AddGenerated(int count, int seed = 1, long firstId = BounceDataGenerator.DefaultFirstId)
    {
        Add(BounceDataGenerator.Generate(count, seed, firstId));
        return this;
    }

    /// <summary>
    /// Generates a seeded world and serves it: campaigns, their sends, a message per recipient and send, bounces of some
    /// messages (added to <see cref="Bounces"/> as ordinary bounces, from <c>ID_UNDELIVERED_LOG</c> 5 000 000 000 on),
    /// opens, clicks and unsubscribes, and the unsubscribed list. Every time is Prague wall-clock time. The oldest send is
    /// pruned: raw messages no longer hold its messages, so its bounces find none. The ground truth is <see cref="World"/>.
    /// </summary>
    /// <param name="options">The world's shape; <see langword="null"/> for the defaults, a demo world of a few thousand messages.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of its range.</exception>
    /// <exception cref="InvalidOperationException">The emulator already has a world.</exception>
    public MailkitEmulator AddWorld(EmulatedWorldOptions? options = null)
    {
        options ??= new EmulatedWorldOptions();
        options.Validate();
        if (Volatile.Read(ref _world) is not null)
        {
            throw new InvalidOperationException("The emulator already has a world; create another emulator for another world.");
        }

        var (world, bounces) = WorldGenerator.Generate(options);
        _store.AddOrReplace(bounces);
        if (Interlocked.CompareExchange(ref _world, world, null) is not null)
        {
            throw new InvalidOperationException("The emulator already has a world; create another emulator for another world.");
        }

        return this;
    }

    /// <summary>
    /// Returns when the message of a raw bounce was sent, as <c>date_sent</c> in raw messages gives it: the instant a
    /// client should join to the bounce.
    /// </summary>
    /// <param name="undeliveredLogId">The bounce's <c>ID_UNDELIVERED_LOG</c>.</param>
    /// <returns>
    /// The instant; <see langword="null"/> when raw messages do not hold the message (a pruned send) or the bounce is not
    /// one of the world's.
    /// </returns>
    public DateTimeOffset? ExpectedSentAt(long undeliveredLogId) =>
        World?.BouncesByLogId.GetValueOrDefault(undeliveredLogId)?.Message is { Pruned: false } message ? message.SentAt : null;

    /// <summary>Returns when a raw bounce happened, as <c>DATE</c> in message bounces gives it.</summary>
    /// <param name="undeliveredLogId">The bounce's <c>ID_UNDELIVERED_LOG</c>.</param>
    /// <returns>The instant; <see langword="null"/> when the bounce is not one of the world's.</returns>
    public DateTimeOffset? ExpectedBouncedAt(long undeliveredLogId) => World?.BouncesByLogId.GetValueOrDefault(undeliveredLogId)?.BouncedAt;

    /// <summary>Returns the records a client should receive for a query, in order: the ground truth for assertions.</summary>
    /// <param name="campaignId">The campaign filter, if any.</param>
    /// <param name="sendId">The send filter, if any.</param>
    /// <param name="startId">The first ID wanted, if any.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<BounceRecord> ExpectedRecords(long? campaignId = null, long? sendId = null, long? startId = null) =>
        [.. Bounces.Where(b => BounceStore.Matches(b, campaignId, sendId) && b.UndeliveredLogId >= (startId ?? 0)).Select(b => b.ToBounceRecord())];

    /// <summary>Creates an in-process handler that answers like the emulator's server, for fast tests without sockets.</summary>
    /// <returns>A handler; give it to <c>new HttpClient(handler)</c> and point the client at <c>https://api.mailkit.eu/</c> or any other base address.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpHandler(Receive);

    /// <summary>Starts a Kestrel server on a free loopback port that answers like the emulator.</summary>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public Task<MailkitEmulatorServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        MailkitEmulatorServer.StartAsync(this, Receive, cancellationToken);

    /// <summary>Takes one request's path and body: counts it in flight, answers it, logs it, and returns how to deliver the answer.</summary>
    private FaultDelivery Receive(string path, byte[] body)
    {
        _inFlight.Enter();
        var number = Interlocked.Increment(ref _requestCount);
        var received = _settings.TimeProvider.GetUtcNow();
        var transport = EmulatorRequestParser.TransportOf(path);
        var call = EmulatorRequestParser.Parse(transport, body);
        var answer = _decisions.Decide(number, received, path, transport, call);
        _requests.Enqueue(new EmulatorRequest
        {
            Number = number,
            Transport = EmulatorRequest.NameOf(transport),
            Function = call.Function,
            ClientId = call.ClientId,
            Parameters = call.Parameters,
            RedactedBody = call.RedactedBody,
            Fault = answer.Fault,
            Status = answer.Status,
            Records = answer.Records,
            ReceivedAt = received,
        });
        return new FaultDelivery(answer, _settings, _inFlight);
    }
}
