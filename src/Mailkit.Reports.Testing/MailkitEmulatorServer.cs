using System.Net;
using Mailkit.Reports.Testing.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailkit.Reports.Testing;

/// <summary>
/// The emulator on a Kestrel server bound to a free loopback port. Point a client's <c>Endpoint</c> at <see cref="Endpoint"/>.
/// Dispose it to stop the server.
/// </summary>
public sealed class MailkitEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MailkitEmulatorServer(WebApplication app, MailkitEmulator emulator, Uri endpoint)
    {
        _app = app;
        Emulator = emulator;
        Endpoint = endpoint;
    }

    /// <summary>Gets the emulator the server answers with.</summary>
    public MailkitEmulator Emulator { get; }

    /// <summary>Gets the base address, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal static async Task<MailkitEmulatorServer> StartAsync(MailkitEmulator emulator, Func<string, byte[], FaultDelivery> receive, CancellationToken cancellationToken)
    {
        // The emulator listens on loopback only: no appsettings.json of the working folder, no environment variable
        // (Kestrel endpoints, URLs, ports) may add an address, so the builder gets no configuration at all.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();

        // A test that abandons a response mid-body must not wait for the default 30-second drain when the server stops.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(receive, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MailkitEmulatorServer(app, emulator, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task ServeAsync(Func<string, byte[], FaultDelivery> receive, HttpContext context)
    {
        var aborted = context.RequestAborted;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, aborted).ConfigureAwait(false);

        // A request stops counting as in flight when the server is done with it, or as soon as the server learns that its
        // client has gone (a client that abandons an attempt closes the connection; its retry must not overlap it).
        var delivery = receive(context.Request.Path.Value ?? string.Empty, buffer.ToArray());
        using var leaveWhenAborted = aborted.Register(delivery.Leave);
        try
        {
            await delivery.WaitIfSlowAsync(aborted).ConfigureAwait(false);
            var answer = delivery.Answer;
            var response = context.Response;
            response.StatusCode = (int)answer.Status;
            response.ContentType = answer.ContentType;
            response.ContentLength = answer.Body.Length;
            if (answer.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            for (var piece = await delivery.NextAsync(aborted).ConfigureAwait(false); !piece.IsEmpty; piece = await delivery.NextAsync(aborted).ConfigureAwait(false))
            {
                await response.Body.WriteAsync(piece, aborted).ConfigureAwait(false);
                if (delivery.Trickles)
                {
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
            }

            if (delivery.EndsEarly)
            {
                // Part of the announced body, then the connection goes away.
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                context.Abort();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            delivery.Leave();
        }
    }
}
