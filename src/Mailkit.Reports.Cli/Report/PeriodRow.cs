namespace Mailkit.Reports.Cli.Report;

/// <summary>One week or day: the messages sent in it and the bounces of those sends.</summary>
/// <param name="Start">The first day, <c>yyyy-MM-dd</c> (UTC).</param>
/// <param name="Messages">The messages sent, or <see langword="null"/> when no messages were exported.</param>
/// <param name="Bounces">The bounces whose message was sent in the period.</param>
internal sealed record PeriodRow(string Start, long? Messages, KindCounts Bounces)
{
    /// <summary>Bounces of a kind ÷ messages; <see langword="null"/> without messages to divide by.</summary>
    public double? Rate(BounceKind kind) => Messages is > 0 and var sent ? (double)Bounces[kind] / sent : null;

    /// <summary>Every bounce ÷ messages; <see langword="null"/> without messages to divide by.</summary>
    public double? TotalRate => Messages is > 0 and var sent ? (double)Bounces.Total / sent : null;
}
