namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// What a test sets on the emulator: the account, the quirks, the faults, the rate limit, the pacing and the clock. The
/// façade's properties write it; the parts that answer a request read it then, so a change applies to the next request.
/// </summary>
internal sealed class EmulatorSettings
{
    public const int DefaultClientId = 12345;

    public const string DefaultClientMd5 = "00112233445566778899aabbccddeeff";

    public int ClientId { get; set; } = DefaultClientId;

    public string ClientMd5 { get; set; } = DefaultClientMd5;

    public string? DisallowedIp { get; set; }

    public int? PageCap { get; set; }

    public bool ExclusiveStart { get; set; }

    public bool NumbersAsJsonNumbers { get; set; }

    public bool NumbersAsJsonStrings { get; set; }

    public EmulatorEmptyAnswer EmptyAnswer { get; set; }

    public bool UnsubscribedRangeFromExclusive { get; set; }

    public double FaultProbability { get; set; }

    public IReadOnlyList<EmulatorFault> RandomFaults { get; set; } =
        [
            EmulatorFault.TooManyRequests, EmulatorFault.InternalServerError, EmulatorFault.BadGateway, EmulatorFault.ServiceUnavailable,
            EmulatorFault.ResetMidBody, EmulatorFault.CutShortBody,
        ];

    public TimeSpan? FaultRetryAfter { get; set; }

    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromMinutes(2);

    public int? ServerRateLimit { get; set; }

    public TimeSpan ServerRateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int TrickleChunkBytes { get; set; }

    public TimeSpan TrickleInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
