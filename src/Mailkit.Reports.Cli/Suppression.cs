using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli;

/// <summary>An address to stop mailing: its most common reason, how many of its bounces say so, and the advice behind it.</summary>
internal sealed record Suppression(string Email, string Reason, long Bounces, BounceAdvice Advice);
