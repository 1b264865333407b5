using System.Net;
using System.Text;
using Mailkit.Reports.Testing.Delivery;
using Mailkit.Reports.Testing.Emulation;
using Mailkit.Reports.Testing.Wire;
using Mailkit.Reports.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Mailkit.Reports.Testing.Tests.Delivery;

public class FaultDeliveryTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("0123456789");

    [Theory]
    [InlineData(EmulatorFault.None, 10)]
    [InlineData(EmulatorFault.SlowResponse, 10)]
    [InlineData(EmulatorFault.CutShortBody, 5)]
    [InlineData(EmulatorFault.ResetMidBody, 5)]
    public async Task NextAsync_Fault_SendsAllOrHalfThenEndsAndLeavesOnce(EmulatorFault fault, int sent)
    {
        var gauge = new InFlightGauge();
        var delivery = Start(gauge, fault, new EmulatorSettings());

        var pieces = await ReadAllAsync(delivery);

        Assert.Equal(Body.AsSpan(0, sent).ToArray(), pieces.SelectMany(p => p).ToArray());
        Assert.Equal(sent < Body.Length, delivery.EndsEarly);
        Assert.Equal(0, gauge.Now);
        delivery.Leave();
        Assert.Equal(0, gauge.Now);
    }

    [Fact]
    public async Task NextAsync_Trickle_PiecesOfTheChunkSize()
    {
        var delivery = Start(new InFlightGauge(), EmulatorFault.None, new EmulatorSettings { TrickleChunkBytes = 4, TrickleInterval = TimeSpan.Zero });

        var pieces = await ReadAllAsync(delivery);

        Assert.True(delivery.Trickles);
        Assert.Equal([4, 4, 2], pieces.Select(p => p.Length));
    }

    [Fact]
    public async Task WaitIfSlowAsync_SlowResponse_WaitsForTheEmulatorsClock()
    {
        var time = new FakeTimeProvider();
        var delivery = Start(new InFlightGauge(), EmulatorFault.SlowResponse, new EmulatorSettings { TimeProvider = time, SlowResponseDelay = TimeSpan.FromMinutes(2) });

        var wait = delivery.WaitIfSlowAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        await wait;
    }

    [Fact]
    public async Task DeliveryStream_ResetMidBody_HalfTheBodyThenAResetOnEveryRead()
    {
        using var stream = new DeliveryStream(Start(new InFlightGauge(), EmulatorFault.ResetMidBody, new EmulatorSettings()));
        var buffer = new byte[3];

        var first = await stream.ReadAsync(buffer);
        var second = await stream.ReadAsync(buffer);

        Assert.Equal((3, 2), (first, second));
        await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(buffer).AsTask());
        await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(buffer).AsTask());
    }

    [Fact]
    public void DeliveryStream_CutShortBody_EndsHalfwayAndDisposeLeaves()
    {
        var gauge = new InFlightGauge();
        var stream = new DeliveryStream(Start(gauge, EmulatorFault.CutShortBody, new EmulatorSettings()));
        var buffer = new byte[64];

        Assert.Equal(5, stream.Read(buffer, 0, buffer.Length));
        Assert.Equal(1, gauge.Now);
        stream.Dispose();
        Assert.Equal(0, gauge.Now);
    }

    [Fact]
    public async Task InProcessHandler_BodiesNotYetRead_CountInFlightUntilTheResponsesAreDisposed()
    {
        var emulator = Emulated.Create().AddGenerated(10, seed: 1);
        using var http = new HttpClient(emulator.CreateHandler());

        var first = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/json.fcgi"), HttpCompletionOption.ResponseHeadersRead);
        var second = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/json.fcgi"), HttpCompletionOption.ResponseHeadersRead);
        first.Dispose();
        second.Dispose();
        using var third = await http.PostAsync(new Uri("http://127.0.0.1/json.fcgi"), new StringContent("{}"));

        Assert.Equal(2, emulator.MaxConcurrentRequests);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    private static FaultDelivery Start(InFlightGauge gauge, EmulatorFault fault, EmulatorSettings settings)
    {
        gauge.Enter();
        return new FaultDelivery(new EmulatorAnswer(HttpStatusCode.OK, "text/plain", Body, fault, null, 0), settings, gauge);
    }

    private static async Task<List<byte[]>> ReadAllAsync(FaultDelivery delivery)
    {
        var pieces = new List<byte[]>();
        for (var piece = await delivery.NextAsync(CancellationToken.None); !piece.IsEmpty; piece = await delivery.NextAsync(CancellationToken.None))
        {
            pieces.Add(piece.ToArray());
        }

        return pieces;
    }
}
