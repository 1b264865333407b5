namespace Mailkit.Reports.Cli;

/// <summary>
/// The running totals of <c>stats</c>: a row is counted as it is read and then dropped, so what is held grows with the
/// distinct reasons, statuses, replies and domains of an export, never with its rows.
/// </summary>
internal sealed class StatsTally
{
    public long Total { get; private set; }

    /// <summary>Gets the count of each reason and hardness, with the count of each recipient domain under it.</summary>
    public Dictionary<(string Reason, bool HardBounce), Tally> Reasons { get; } = [];

    public Tally RecipientStatuses { get; } = new();

    public Tally StatusClasses { get; } = new();

    public Tally Replies { get; } = new();

    public Tally Domains { get; } = new();

    public void Add(StoredBounce row)
    {
        Total++;
        var domain = StatsReport.Domain(row.Email);
        var key = (row.Verdict.Reason, row.Verdict.HardBounce);
        if (!Reasons.TryGetValue(key, out var domains))
        {
            Reasons[key] = domains = new Tally();
        }

        domains.Add(domain);
        RecipientStatuses.Add(row.RecipientStatus.Length == 0 ? "(empty)" : row.RecipientStatus);
        StatusClasses.Add(StatsReport.ClassOf(row.Status));
        Replies.Add(StatsReport.ReplyText(row.Reply));
        Domains.Add(domain);
    }

    /// <summary>Counts of distinct texts, and how many were counted in all.</summary>
    internal sealed class Tally
    {
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

        public long Total { get; private set; }

        public void Add(string key)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Total++;
        }

        /// <summary>The most frequent first; among equals, in ordinal order.</summary>
        public IEnumerable<(string Key, long Count)> Top(int count) =>
            _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count).Select(c => (c.Key, c.Value));
    }
}
