using System.Net;
using Mailkit.Reports.Models;
using Mailkit.Reports.Testing;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Mailkit.Reports.IntegrationTests;

/// <summary>
/// Microsoft's standard resilience handler added to the <see cref="IHttpClientBuilder"/> that <c>AddMailkitClient</c>
/// returns, over real loopback HTTP: it sits inside the SDK's pipeline (each of the SDK's attempts passes through it once),
/// and with its retry turned off for POST, as the documentation shows, the SDK's retries are the only ones.
/// </summary>
public class StandardResilienceHandlerTests
{
    private const int SdkRetries = 3;

    [Fact]
    public async Task StandardHandler_RetryOffForPost_ServerSeesOneRequestPerSdkAttempt()
    {
        var emulator = Emulated.Create().AddGenerated(100);
        emulator.FaultProbability = 1;
        emulator.RandomFaults = [EmulatorFault.ServiceUnavailable];
        await using var server = await emulator.StartServerAsync();
        await using var services = Services(server, handler => handler.Retry.DisableForUnsafeHttpMethods());
        var client = services.GetRequiredService<IMailkitClient>();

        var ex = await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 100 }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(1 + SdkRetries, emulator.Requests.Count);
    }

    [Fact]
    public async Task StandardHandler_WithItsOwnRetryForPost_MultipliesTheSdksAttempts()
    {
        // What the documentation warns against: both layers retry, so each SDK attempt becomes four requests.
        var emulator = Emulated.Create().AddGenerated(100);
        emulator.FaultProbability = 1;
        emulator.RandomFaults = [EmulatorFault.ServiceUnavailable];
        await using var server = await emulator.StartServerAsync();
        await using var services = Services(server, handler =>
        {
            handler.Retry.MaxRetryAttempts = 3;
            handler.Retry.BackoffType = DelayBackoffType.Constant;
            handler.Retry.Delay = TimeSpan.FromMilliseconds(1);
            handler.Retry.UseJitter = false;
        });
        var client = services.GetRequiredService<IMailkitClient>();

        await Assert.ThrowsAsync<MailkitHttpException>(() => client.GetRawBouncesAsync(new RawBouncesRequest { PageSize = 100 }));

        Assert.Equal((1 + SdkRetries) * (1 + 3), emulator.Requests.Count);
    }

    [Fact]
    public async Task StandardHandler_ItsAttemptTimeoutFires_SdkRetriesAndTheWalkCompletesExactlyOnce()
    {
        // The handler's attempt timeout is far shorter than the SDK's (five minutes): had the handler sat outside the
        // SDK's retry, its timeout would have ended the walk instead of being retried as one of the SDK's attempts.
        var emulator = Emulated.Create().AddGenerated(5_000, seed: 3);
        emulator.FailRequest(2, EmulatorFault.SlowResponse);
        emulator.SlowResponseDelay = TimeSpan.FromSeconds(10);
        await using var server = await emulator.StartServerAsync();
        await using var services = Services(server, handler =>
        {
            handler.Retry.DisableForUnsafeHttpMethods();
            handler.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(300);
        });
        var client = services.GetRequiredService<IMailkitClient>();

        var records = new List<BounceRecord>();
        await foreach (var record in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 1_000 }))
        {
            records.Add(record);
        }

        Assert.Equal(emulator.ExpectedRecords(), records);
        // The slow request is asked again from the same start. On a loaded machine the first request may also outlast the
        // handler's timeout and be tried again, so the slow one is found by its fault, not by its position.
        var requests = emulator.Requests;
        var slow = requests.Select((r, i) => (r, i)).Single(p => p.r.Fault == EmulatorFault.SlowResponse).i;
        Assert.Equal(requests[slow].Parameters.GetValueOrDefault("ID_undelivered_log"), requests[slow + 1].Parameters.GetValueOrDefault("ID_undelivered_log"));
        Assert.Equal(1, emulator.Requests.Count(r => r.Fault != EmulatorFault.None));
    }

    private static ServiceProvider Services(MailkitEmulatorServer server, Action<HttpStandardResilienceOptions> configureHandler)
    {
        var emulated = Emulated.Options(server);
        var services = new ServiceCollection();
        services.AddMailkitClient(options =>
            {
                options.ClientId = emulated.ClientId;
                options.ClientMd5 = emulated.ClientMd5;
                options.Endpoint = emulated.Endpoint;
                options.RateLimit = emulated.RateLimit;
                options.Retry = emulated.Retry;
                options.Retry.MaxRetryAttempts = SdkRetries;
            })
            .AddStandardResilienceHandler(configureHandler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
