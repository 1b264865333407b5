using Mailkit.Reports.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Mailkit.Reports.Resilience;

/// <summary>
/// Builds the client's Polly pipelines from its options: retries (outside) and the per-attempt timeout (inside).
/// The rate-limit permit is taken between the two, so that waiting for the account never counts against an attempt.
/// </summary>
internal static class MailkitPipelines
{
    public static ResiliencePipeline<HttpResponseMessage> Retry(MailkitClientOptions options, string functionName, ILogger logger)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider, Name = "Mailkit.Reports.Retry" };
        if (retry.MaxRetryAttempts == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = retry.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,

            // The server's Retry-After when it sent one, else the same backoff a walk uses for a failed body.
            DelayGenerator = args => new ValueTask<TimeSpan?>(
                args.Outcome.Result is { } response && HttpStatusRules.RetryAfterOf(response, options.TimeProvider) is { } after
                    ? after
                    : RetryDelay.For(retry, args.AttemptNumber + 1, Jitter.Source)),
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry.MaxRetryAfter, options.TimeProvider, args.Context.CancellationToken)),
            OnRetry = args =>
            {
                var reason = Describe(args.Outcome);
                CallTelemetry.RecordRetry(functionName, reason);
                Log.RetryScheduled(logger, args.Outcome.Exception, args.AttemptNumber + 1, functionName, reason, (long)args.RetryDelay.TotalMilliseconds);
                return default;
            },
        }).Build();
    }

    public static ResiliencePipeline<HttpResponseMessage> AttemptTimeout(MailkitClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider, Name = "Mailkit.Reports.AttemptTimeout" }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();

    /// <summary>Network failures, attempt timeouts, 408, 429 and 5xx; never a refusal, an API error or another 4xx.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider, CancellationToken callToken) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => !callToken.IsCancellationRequested,
        { Exception: OperationCanceledException } => !callToken.IsCancellationRequested,
        { Exception: not null } => false,
        { Result: { } response } when HttpStatusRules.IsTransient(response.StatusCode) =>
            HttpStatusRules.RetryAfterOf(response, timeProvider) is not { } wait || wait <= maxRetryAfter,
        _ => false,
    };

    internal static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "attempt timeout",
        { Exception: { } ex } => ex.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "unknown",
    };
}
