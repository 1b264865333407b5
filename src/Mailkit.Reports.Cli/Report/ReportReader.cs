using System.Data.Common;
using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// Builds <see cref="ReportData"/> from an export by GROUP BY queries run in the database, one dialect per store, so that
/// what is read grows with the periods, domains, reasons and campaigns, never with the rows. The one exception is the
/// suppression count: the rows that may suppress an address are read in address order and handed to the tool's
/// <see cref="SuppressionTally"/> one address at a time, so that the policy is the one <c>suppressions</c> applies and
/// memory stays that of one address.
/// </summary>
internal sealed class ReportReader(Func<DbConnection> open, ReportDialect dialect, ReportSettings settings)
{
    private const string Hard = "CASE WHEN hard_bounce THEN 1 ELSE 0 END";
    private const string Reason = "COALESCE(reason, 'undefined')";

    /// <summary>The datasets of an export and their tables, in the order the report lists them.</summary>
    internal static readonly (string Name, string Table, string? Newest)[] Datasets =
    [
        ("bounces", "raw_bounces", null),
        ("messages", "raw_messages", "date_sent"),
        ("responses", "raw_responses", "date"),
        ("unsubscribes", "unsubscribes", "date"),
        ("campaigns", "campaigns", "send_date"),
    ];

    private DbConnection _connection = null!;
    private HashSet<string> _tables = [];
    private bool _sentAt;

    public async Task<ReportData> ReadAsync(string source, DateTimeOffset now, ReportSummary? previous, CancellationToken cancellationToken)
    {
        await using var connection = open();
        await connection.OpenAsync(cancellationToken);
        _connection = connection;
        _tables = [.. await ListAsync(dialect.Tables, cancellationToken)];
        if (!_tables.Contains("raw_bounces"))
        {
            throw new TargetException($"{source} holds no raw_bounces table; run export first.");
        }

        var bounceColumns = (await ListAsync(dialect.Columns("raw_bounces"), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (!Verdict.Columns.All(bounceColumns.Contains))
        {
            throw new TargetException($"{source} was written by an older mailkit-bounces, without the classifier's verdicts; run export again to add them.");
        }

        _sentAt = bounceColumns.Contains("sent_at");
        // The messages, the largest table by far, are read on connections of their own while the bounces are read here.
        var reading = _tables.Contains("raw_messages") ? ReadMessagesAsync(cancellationToken) : Task.FromResult<MessageTotals?>(null);
        var (periods, undated, reasons, examples) = await ReadPeriodsAsync(reading, cancellationToken);
        var messages = await reading;
        var (domains, senderDomains) = await ReadDomainsAsync(messages, periods, cancellationToken);
        var campaigns = await ReadCampaignsAsync(messages, cancellationToken);
        var sender = await ReadSenderSideAsync(reasons, senderDomains, examples, cancellationToken);
        var suppressions = await ReadSuppressionsAsync(cancellationToken);
        var freshness = await ReadFreshnessAsync(messages, cancellationToken);
        return new ReportData
        {
            GeneratedAt = now,
            Source = source,
            Settings = settings,
            Freshness = freshness,
            Periods = periods,
            Undated = undated,
            UndatedMessages = messages?.Undated ?? 0,
            Reasons = reasons,
            Domains = domains,
            SenderSide = sender,
            Campaigns = campaigns,
            Suppressions = suppressions,
            Previous = previous,
        };
    }

    private string BounceDay => _sentAt ? dialect.Day("sent_at") : "NULL";

    /// <summary>The bounces counted: every undated one, and the dated ones since <see cref="ReportSettings.Since"/>.</summary>
    private string BounceScope => _sentAt && settings.Since is not null ? " WHERE (sent_at IS NULL OR sent_at >= @since)" : string.Empty;

    /// <summary>
    /// The messages' totals, read in ranges of <c>id_send_message</c> on a connection each, one range for each processor
    /// (at most four), since grouping ten million rows is the report's largest cost and each range is sorted apart.
    /// </summary>
    private async Task<MessageTotals?> ReadMessagesAsync(CancellationToken cancellationToken)
    {
        long first = 0, last = -1;
        await using (var connection = open())
        {
            await connection.OpenAsync(cancellationToken);
            await foreach (var row in QueryAsync(connection, "SELECT MIN(id_send_message), MAX(id_send_message) FROM raw_messages", cancellationToken))
            {
                (first, last) = row.IsDBNull(0) ? (0, -1) : (Long(row, 0), Long(row, 1));
            }
        }

        var parts = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var size = Math.Max(1, ((last - first) / parts) + 1);
        var ranges = Enumerable.Range(0, parts).Select(i => (From: first + (i * size), To: Math.Min(last, first + ((i + 1) * size) - 1))).Where(r => r.From <= r.To);
        var results = await Task.WhenAll(ranges.Select(r => ReadMessageRangeAsync(r.From, r.To, cancellationToken)));
        var total = new MessageTotals();
        foreach (var part in results)
        {
            total.Add(part);
        }

        return total;
    }

    private async Task<MessageTotals> ReadMessageRangeAsync(long from, long to, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var scope = "id_send_message BETWEEN @from AND @to" + (settings.Since is not null ? " AND (date_sent IS NULL OR date_sent >= @since)" : string.Empty);
        // The domain is folded to lower case here, on the groups, not in the database on every row.
        var sql = $"SELECT {dialect.Day("date_sent")}, domain, id_message, COUNT(*), {dialect.TimeText("MAX(date_sent)")} FROM raw_messages WHERE {scope} GROUP BY 1, 2, 3";
        var result = new MessageTotals();
        await using var connection = open();
        await connection.OpenAsync(cancellationToken);
        await foreach (var row in QueryAsync(connection, sql, cancellationToken, ("@from", from), ("@to", to)))
        {
            var period = row.IsDBNull(0) ? null : Period(row.GetString(0));
            var domain = Domain(row.GetString(1));
            long? message = row.IsDBNull(2) ? null : Long(row, 2);
            var count = Long(row, 3);
            result.Total += count;
            if (period is null)
            {
                result.Undated += count;
            }
            else
            {
                result.ByPeriod[period] = result.ByPeriod.GetValueOrDefault(period) + count;
                result.ByDomain[domain] = result.ByDomain.GetValueOrDefault(domain) + count;
                result.ByDomainPeriod[(domain, period)] = result.ByDomainPeriod.GetValueOrDefault((domain, period)) + count;
                result.ByCampaign[message ?? -1] = result.ByCampaign.GetValueOrDefault(message ?? -1) + count;
            }

            if (!row.IsDBNull(4) && string.CompareOrdinal(row.GetString(4), result.Newest) > 0)
            {
                result.Newest = row.GetString(4);
            }
        }

        return result;
    }

    private async Task<(List<PeriodRow>, KindCounts, List<ReasonRow>, Dictionary<string, long>)> ReadPeriodsAsync(
        Task<MessageTotals?> reading, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {BounceDay}, {Reason}, {Hard}, COUNT(*), MIN(id_undelivered_log) FROM raw_bounces{BounceScope} GROUP BY 1, 2, 3";
        var byPeriod = new SortedDictionary<string, KindCounts>(StringComparer.Ordinal);
        var undated = KindCounts.Zero;
        var reasons = new Dictionary<(string, bool), long>();
        var firstOfReason = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var reason = row.GetString(1);
            var hard = Long(row, 2) == 1;
            var count = Long(row, 3);
            var kind = BounceKinds.Of(reason, hard);
            if (row.IsDBNull(0))
            {
                undated = undated.Add(kind, count);
            }
            else
            {
                var period = Period(row.GetString(0));
                byPeriod[period] = byPeriod.GetValueOrDefault(period, KindCounts.Zero).Add(kind, count);
            }

            reasons[(reason, hard)] = reasons.GetValueOrDefault((reason, hard)) + count;
            if (!hard)
            {
                var first = Long(row, 4);
                firstOfReason[reason] = firstOfReason.TryGetValue(reason, out var known) ? Math.Min(known, first) : first;
            }
        }

        var messages = await reading;
        foreach (var period in messages?.ByPeriod.Keys ?? Enumerable.Empty<string>())
        {
            byPeriod.TryAdd(period, KindCounts.Zero);
        }

        var periods = byPeriod.Select(p => new PeriodRow(p.Key, messages is null ? null : messages.ByPeriod.GetValueOrDefault(p.Key), p.Value)).ToList();
        var reasonRows = reasons.Select(r => new ReasonRow(r.Key.Item1, r.Key.Item2, r.Value))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.HardBounce).ToList();
        return (periods, undated, reasonRows, firstOfReason);
    }

    private async Task<(List<DomainRow>, Dictionary<string, Dictionary<string, long>>)> ReadDomainsAsync(
        MessageTotals? messages, List<PeriodRow> periods, CancellationToken cancellationToken)
    {
        var domainOf = dialect.DomainOfEmail("email");
        var sql = $"SELECT {domainOf}, {Reason}, {Hard}, CASE WHEN {BounceDay} IS NULL THEN 1 ELSE 0 END, COUNT(*) FROM raw_bounces{BounceScope} GROUP BY 1, 2, 3, 4";
        var domains = new Dictionary<string, DomainTally>(StringComparer.Ordinal);
        var senderDomains = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var domain = Domain(row.GetString(0));
            var reason = row.GetString(1);
            var hard = Long(row, 2) == 1;
            var count = Long(row, 4);
            if (!domains.TryGetValue(domain, out var tally))
            {
                domains[domain] = tally = new DomainTally();
            }

            var kind = BounceKinds.Of(reason, hard);
            if (Long(row, 3) == 1)
            {
                tally.Undated += count;
            }
            else
            {
                tally.Dated = tally.Dated.Add(kind, count);
            }

            tally.Reasons[reason] = tally.Reasons.GetValueOrDefault(reason) + count;
            if (kind == BounceKind.SenderSide)
            {
                if (!senderDomains.TryGetValue(reason, out var said))
                {
                    senderDomains[reason] = said = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                said[domain] = said.GetValueOrDefault(domain) + count;
            }
        }

        // Volume is what was sent when messages were exported, else what bounced.
        long Volume(string domain) => messages is not null ? messages.ByDomain.GetValueOrDefault(domain)
            : domains.TryGetValue(domain, out var t) ? t.Dated.Total + t.Undated : 0;
        var names = domains.Keys.Concat(messages?.ByDomain.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal)
            .Select(d => (Domain: d, Volume: Volume(d)))
            .OrderByDescending(d => d.Volume).ThenBy(d => d.Domain, StringComparer.Ordinal).Take(ReportSettings.TopDomains).Select(d => d.Domain).ToList();

        var byPeriod = await ReadDomainPeriodsAsync(names, cancellationToken);
        var latest = periods.LastOrDefault(p => p.Messages is > 0)?.Start;
        var rows = new List<DomainRow>();
        foreach (var name in names)
        {
            var tally = domains.GetValueOrDefault(name) ?? new DomainTally();
            var dominant = tally.Reasons.Count == 0 ? string.Empty
                : tally.Reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).First().Key;
            double? pastRate = null, latestRate = null;
            if (messages is not null && latest is not null)
            {
                long pastSent = 0, pastBounced = 0;
                foreach (var ((domain, period), sent) in messages.ByDomainPeriod)
                {
                    if (domain == name && string.CompareOrdinal(period, latest) < 0)
                    {
                        pastSent += sent;
                        pastBounced += byPeriod.GetValueOrDefault((name, period));
                    }
                }

                var latestSent = messages.ByDomainPeriod.GetValueOrDefault((name, latest));
                pastRate = pastSent > 0 ? (double)pastBounced / pastSent : null;
                latestRate = latestSent > 0 ? (double)byPeriod.GetValueOrDefault((name, latest)) / latestSent : null;
            }

            var jumped = pastRate is { } past && latestRate is { } now
                && now >= past * settings.JumpFactor && now - past >= ReportSettings.JumpMinimumRise;
            rows.Add(new DomainRow(name, messages is null ? null : messages.ByDomain.GetValueOrDefault(name), tally.Dated, tally.Undated, dominant, pastRate, latestRate, jumped));
        }

        return (rows, senderDomains);
    }

    /// <summary>The dated bounces of the listed domains by period; the other domains' groups are read and dropped.</summary>
    private async Task<Dictionary<(string, string), long>> ReadDomainPeriodsAsync(List<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<(string, string), long>();
        if (!_sentAt || wanted.Count == 0)
        {
            return result;
        }

        var period = BounceDay;
        var sql = $"SELECT {dialect.DomainOfEmail("email")}, {period}, COUNT(*) FROM raw_bounces WHERE {period} IS NOT NULL"
            + (settings.Since is not null ? " AND sent_at >= @since" : string.Empty) + " GROUP BY 1, 2";
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var domain = Domain(row.GetString(0));
            if (wanted.Contains(domain))
            {
                var key = (domain, Period(row.GetString(1)));
                result[key] = result.GetValueOrDefault(key) + Long(row, 2);
            }
        }

        return result;
    }

    private async Task<List<CampaignRow>> ReadCampaignsAsync(MessageTotals? messages, CancellationToken cancellationToken)
    {
        var sql = $"SELECT id_message, CASE WHEN {BounceDay} IS NULL THEN 1 ELSE 0 END, COUNT(*) FROM raw_bounces{BounceScope} GROUP BY 1, 2";
        var bounced = new Dictionary<long, (long Dated, long Undated)>();
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var id = row.IsDBNull(0) ? -1 : Long(row, 0);
            var (dated, undated) = bounced.GetValueOrDefault(id);
            bounced[id] = Long(row, 1) == 1 ? (dated, undated + Long(row, 2)) : (dated + Long(row, 2), undated);
        }

        var names = new Dictionary<long, string>();
        if (_tables.Contains("campaigns"))
        {
            await foreach (var row in QueryAsync("SELECT id_message, name FROM campaigns", cancellationToken))
            {
                names[Long(row, 0)] = row.GetString(1);
            }
        }

        var ids = bounced.Keys.Concat(messages?.ByCampaign.Keys ?? Enumerable.Empty<long>()).Distinct();
        return [.. ids
            .Select(id => new CampaignRow(
                id < 0 ? null : id,
                names.GetValueOrDefault(id),
                messages is null ? null : messages.ByCampaign.GetValueOrDefault(id),
                bounced.GetValueOrDefault(id).Dated,
                bounced.GetValueOrDefault(id).Undated))
            .OrderBy(c => c.Rate is null)
            .ThenByDescending(c => c.Rate ?? 0)
            .ThenByDescending(c => c.Bounced + c.Undated)
            .ThenBy(c => c.MessageId ?? long.MaxValue)
            .Take(ReportSettings.TopCampaigns)];
    }

    private async Task<List<SenderRow>> ReadSenderSideAsync(
        List<ReasonRow> reasons, Dictionary<string, Dictionary<string, long>> domains, Dictionary<string, long> examples, CancellationToken cancellationToken)
    {
        var rows = new List<SenderRow>();
        foreach (var reason in reasons.Where(r => r.Kind == BounceKind.SenderSide))
        {
            var reply = string.Empty;
            if (examples.TryGetValue(reason.Reason, out var id))
            {
                await foreach (var row in QueryAsync("SELECT text_status FROM raw_bounces WHERE id_undelivered_log = @id", cancellationToken, ("@id", id)))
                {
                    reply = row.GetString(0);
                }
            }

            var said = domains.GetValueOrDefault(reason.Reason)?.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal)
                .Take(5).Select(d => (d.Key, d.Value)).ToList() ?? [];
            rows.Add(new SenderRow(reason.Reason, reason.Count, said, reply));
        }

        return rows;
    }

    private async Task<SuppressionCounts> ReadSuppressionsAsync(CancellationToken cancellationToken)
    {
        var policy = new SuppressionPolicy(settings.Repeats);
        var key = dialect.AddressKey("email");
        var advice = string.Join(", ", new[] { BounceAdvice.Suppress, BounceAdvice.SuppressIfRepeated }.Select(a => $"'{Verdict.AdviceName(a)}'"));
        var sql = $"SELECT email, id_send, {Reason}, {Hard}, advice FROM raw_bounces WHERE advice IN ({advice}) AND email <> '' ORDER BY {key}";
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        string? current = null;
        var tally = new SuppressionTally(policy);

        // As the suppressions list: every unsubscribed address its bounces do not already suppress counts as unsubscribed.
        HashSet<string> unsubscribed;
        await using (var connection = open())
        {
            await connection.OpenAsync(cancellationToken);
            unsubscribed = new(StoredUnsubscribes.AddressKeys(await StoredUnsubscribes.ReadAsync(connection, cancellationToken)), StringComparer.Ordinal);
        }

        void Close()
        {
            foreach (var suppression in tally.Build())
            {
                total++;
                byReason[suppression.Reason] = byReason.GetValueOrDefault(suppression.Reason) + 1;
                unsubscribed.Remove(suppression.Email);
            }
        }

        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var email = row.GetString(0);
            var address = EmailAddressKey.From(email);
            if (address != current)
            {
                Close();
                tally = new SuppressionTally(policy);
                current = address;
            }

            var send = row.IsDBNull(1) ? string.Empty : Long(row, 1).ToString(CultureInfo.InvariantCulture);
            tally.Add(new StoredBounce(string.Empty, string.Empty, string.Empty, email, string.Empty, send, new Verdict(row.GetString(2), Long(row, 3) == 1, row.GetString(4))));
        }

        Close();
        if (unsubscribed.Count > 0)
        {
            total += unsubscribed.Count;
            byReason[StoredUnsubscribes.Reason] = byReason.GetValueOrDefault(StoredUnsubscribes.Reason) + unsubscribed.Count;
        }

        return new SuppressionCounts(total, [.. byReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value))]);
    }

    private async Task<Freshness> ReadFreshnessAsync(MessageTotals? messages, CancellationToken cancellationToken)
    {
        string? lastExport = null;
        if (_tables.Contains("export_checkpoints"))
        {
            await foreach (var row in QueryAsync("SELECT MAX(updated_at) FROM export_checkpoints", cancellationToken))
            {
                lastExport = row.IsDBNull(0) ? null : row.GetValue(0) switch
                {
                    DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                    DateTimeOffset time => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
                    var text => DateTimeOffset.TryParse(
                        Convert.ToString(text, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                        ? parsed.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
                        : null,
                };
            }
        }

        var datasets = new List<DatasetState>();
        foreach (var (name, table, newestColumn) in Datasets)
        {
            if (!_tables.Contains(table))
            {
                datasets.Add(new DatasetState(name, table, false, 0, null));
                continue;
            }

            if (table == "raw_messages" && messages is not null)
            {
                // Counted by the messages' own query already (within --since).
                datasets.Add(new DatasetState(name, table, true, messages.Total, messages.Newest));
                continue;
            }

            var column = table == "raw_bounces" ? (_sentAt ? "sent_at" : null) : newestColumn;
            var newest = column is null ? "NULL" : dialect.TimeText($"MAX({column})");
            await foreach (var row in QueryAsync($"SELECT COUNT(*), {newest} FROM {table}", cancellationToken))
            {
                datasets.Add(new DatasetState(name, table, true, Long(row, 0), row.IsDBNull(1) ? null : Convert.ToString(row.GetValue(1), CultureInfo.InvariantCulture)));
            }
        }

        return new Freshness(lastExport, datasets, _sentAt);
    }

    /// <summary>The first day of the period (<see cref="ReportSettings.By"/>) a UTC day falls in, as <c>yyyy-MM-dd</c>.</summary>
    private string Period(string day)
    {
        if (settings.By == ReportBucket.Day || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return day;
        }

        return date.AddDays(-(((int)date.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>An integer column, whichever integer type the store gives it.</summary>
    private static long Long(DbDataReader row, int ordinal) => Convert.ToInt64(row.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>A domain as the report names it: lower case (the database folds ASCII; this folds the rest too).</summary>
    private static string Domain(string domain) => domain.ToLowerInvariant();

    private async Task<List<string>> ListAsync(string sql, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            names.Add(row.GetString(0));
        }

        return names;
    }

    private IAsyncEnumerable<DbDataReader> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        QueryAsync(_connection, sql, cancellationToken, parameters);

    private async IAsyncEnumerable<DbDataReader> QueryAsync(
        DbConnection connection,
        string sql,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (settings.Since is { } since && sql.Contains("@since", StringComparison.Ordinal))
        {
            Add(command, "@since", dialect.Instant(since));
        }

        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
