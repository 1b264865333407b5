namespace Mailkit.Reports.Cli.Datasets;

/// <summary>What a batch's rows date in <c>raw_bounces</c> (see <see cref="Enrichment.SendTimes"/>): messages or sends from <c>First</c> to <c>Last</c>.</summary>
internal enum BounceDating
{
    /// <summary>Nothing to date.</summary>
    None,

    /// <summary>The rows are messages: their bounces gain <c>sent_at</c>.</summary>
    Messages,

    /// <summary>The rows are message bounces of sends: the same bounces gain <c>bounced_at</c>.</summary>
    Sends,
}
