namespace Mailkit.Reports.Cli.Tests;

/// <summary>Ctrl+C (or SIGTERM) stops the export once; a second press is let through and ends the process at once.</summary>
public sealed class CancelKeyHandlerTests
{
    [Fact]
    [Trait("Finding", "L7")]
    public void OnPress_SecondPress_IsLetThrough()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new CancelKeyHandler(cancellation);

        Assert.True(handler.OnPress());
        Assert.True(cancellation.IsCancellationRequested);
        Assert.False(handler.OnPress());
    }
}
