namespace Mailkit.Reports.Resilience;

/// <summary>The randomness that spreads retries of different clients apart.</summary>
/// <remarks>
/// Jitter exists to differ between processes, so it is the one place in the library that draws unseeded random
/// numbers. Everything else that needs randomness takes a seeded <see cref="Random"/>; a schedule that must repeat
/// turns jitter off with <see cref="MailkitRetryOptions.UseJitter"/>.
/// </remarks>
internal static class Jitter
{
#pragma warning disable RS0030 // Unseeded on purpose, see the remarks; thread-safe for concurrent calls of one client.
    /// <summary>Gets the shared, thread-safe source of jitter.</summary>
    public static Random Source => Random.Shared;
#pragma warning restore RS0030
}
