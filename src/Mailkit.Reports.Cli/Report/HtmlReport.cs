using System.Globalization;
using System.Net;
using System.Text;
using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Cli.Report;

/// <summary>
/// Renders <see cref="ReportData"/> as one self-contained HTML file: inline CSS, charts drawn as inline SVG by
/// <see cref="SvgChart"/>, each with its numbers in a table and one sentence that says what it means, a small inline
/// script that sorts the tables, and the machine-readable <see cref="ReportSummary"/>. Nothing is loaded from anywhere.
/// Every value from the data is HTML-encoded. The markup is well-formed XML, so that any XML parser reads it.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The main heading and the section headings, in order.</summary>
    public const string Title = "Deliverability report";

    public static readonly IReadOnlyList<(string Id, string Heading)> Sections =
    [
        ("rate", "Bounce rate over time"),
        ("sender", "Sender-side problems"),
        ("domains", "By recipient domain"),
        ("reasons", "Reasons"),
        ("campaigns", "Campaigns"),
        ("suppressions", "Suppressions"),
        ("freshness", "Data freshness"),
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(ReportData data)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");

        // An empty icon of its own, so that a browser asks no server for /favicon.ico.
        html.Append("<link rel=\"icon\" href=\"data:,\" />");
        html.Append(C, $"<title>{Title}</title><style>{ReportAssets.Style}</style></head><body><main>");
        html.Append(C, $"<h1>{Title}</h1>");
        html.Append(C, $"<p class=\"meta\">{Text(data.Source)} · made {Time(data.GeneratedAt)} · by " +
            $"{(data.Settings.By == ReportBucket.Week ? "week (from Monday, UTC)" : "day (UTC)")}");
        if (data.Settings.Since is { } since)
        {
            html.Append(C, $" · sends since {Time(since)}");
        }

        html.Append("</p>");
        AtAGlance(html, data);
        html.Append("<nav><ul>");
        foreach (var (id, heading) in Sections)
        {
            html.Append(C, $"<li><a href=\"#{id}\">{heading}</a></li>");
        }

        html.Append("</ul></nav>");
        RateSection(html, data);
        SenderSection(html, data);
        DomainSection(html, data);
        ReasonSection(html, data);
        CampaignSection(html, data);
        SuppressionSection(html, data);
        FreshnessSection(html, data);
        html.Append("</main>");
        html.Append(C, $"<script type=\"application/json\" id=\"{ReportSummary.ElementId}\">{ReportSummary.Of(data).ToJson()}</script>");
        html.Append(C, $"<script>{ReportAssets.Script}</script></body></html>\n");
        return html.ToString();
    }

    /// <summary>What the report's sentences say about a rate: <c>2.50 %</c>.</summary>
    public static string Percent(double? rate) => rate is { } value ? (value * 100).ToString("0.00", C) + " %" : "–";

    private static void AtAGlance(StringBuilder html, ReportData data)
    {
        var hasMessages = data.Periods.Any(p => p.Messages is not null);
        var sent = data.Periods.Sum(p => p.Messages ?? 0);
        var dated = data.Periods.Sum(p => p.Bounces.Total);
        var hard = data.Periods.Sum(p => p.Bounces.Hard);
        html.Append("<ul class=\"glance\">");
        html.Append(C, $"<li><strong>{Number(data.TotalBounces)}</strong> bounces, {Number(data.Undated.Total)} of them undated</li>");
        if (hasMessages && sent > 0)
        {
            html.Append(C, $"<li><strong>{Percent((double)dated / sent)}</strong> of {Number(sent)} messages bounced; {Percent((double)hard / sent)} hard</li>");
        }
        else
        {
            html.Append("<li>No messages exported: rates unavailable</li>");
        }

        html.Append(C, $"<li><strong>{Number(data.SenderSide.Sum(s => s.Count))}</strong> sender-side bounces</li>");
        html.Append(C, $"<li><strong>{Number(data.Suppressions.Total)}</strong> addresses to stop mailing</li></ul>");
    }

    private static void RateSection(StringBuilder html, ReportData data)
    {
        Open(html, "rate");
        var settings = data.Settings;
        var unit = settings.By == ReportBucket.Week ? "week" : "day";
        var hasMessages = data.Periods.Any(p => p.Messages is not null);
        if (!hasMessages)
        {
            html.Append("<p class=\"missing\">No messages exported: rates unavailable. The chart shows bounce counts by the send time of their message instead; export " +
                "the messages dataset for rates.</p>");
        }

        if (!data.Freshness.BouncesHaveSendTimes)
        {
            html.Append("<p class=\"missing\">The bounces were exported without send times: every bounce is undated, and none is in a rate.</p>");
        }

        var bars = new List<SvgChart.Bar>();
        var crossed = new List<string>();
        foreach (var period in data.Periods)
        {
            var note = Marks(period, settings);
            if (note is not null)
            {
                crossed.Add(period.Start);
            }

            bars.Add(new SvgChart.Bar(
                period.Start,
                [.. BounceKinds.All.Select((kind, i) => new SvgChart.Segment(i, hasMessages ? period.Rate(kind) ?? 0 : period.Bounces[kind]))],
                note));
        }

        var title = hasMessages ? $"Bounce rate by {unit} of sending, hard, address-level soft and sender-side" : $"Bounces by {unit} of sending (no messages: no rates)";
        string sentence;
        if (!hasMessages)
        {
            sentence = $"Without the messages sent, this shows how many bounces came from each {unit}'s sends, not how large a share of them bounced.";
        }
        else if (crossed.Count == 0)
        {
            sentence = $"The hard-bounce rate stayed under {Percent(settings.HardThreshold)} and all bounces under {Percent(settings.BounceThreshold)} in every {unit} " +
                $"with messages.";
        }
        else
        {
            sentence = $"A threshold (hard {Percent(settings.HardThreshold)}, all bounces {Percent(settings.BounceThreshold)}) was crossed in {crossed.Count} of " +
                $"{data.Periods.Count(p => p.Messages is > 0)} {unit}s, most recently the {unit} of {crossed[^1]}.";
        }

        if (SvgChart.HasMarks(bars))
        {
            Figure(
                html,
                SvgChart.Render(
                    "chart-rate",
                    title,
                    SvgChart.Kinds,
                    bars,
                    hasMessages ? v => Percent(v) : Number,
                    hasMessages ? new SvgChart.Threshold(settings.HardThreshold, $"hard {Percent(settings.HardThreshold)}") : null),
                sentence);
        }
        else
        {
            html.Append("<p class=\"missing\">No dated bounces and no messages in this period: nothing to draw.</p>");
        }

        html.Append(C, $"<table class=\"sortable\"><caption>{Text(title)}</caption><thead><tr><th>{(unit == "week" ? "Week of" : "Day")}</th><th class=\"n\">Messages</th>" +
            $"<th class=\"n\">Hard</th><th class=\"n\">Address-level soft</th><th class=\"n\">Sender-side</th><th class=\"n\">Hard rate</th><th class=\"n\">Bounce rate</th>" +
                $"<th>Marked</th></tr></thead><tbody>");
        foreach (var period in data.Periods)
        {
            html.Append(C, $"<tr><td>{period.Start}</td><td class=\"n\">{(period.Messages is { } m ? Number(m) : "–")}</td><td class=\"n\">{Number(period.Bounces.Hard)}</td>" +
                $"<td class=\"n\">{Number(period.Bounces.AddressSoft)}</td><td class=\"n\">{Number(period.Bounces.SenderSide)}</td>");
            html.Append(C, $"<td class=\"n\">{Percent(period.Rate(BounceKind.Hard))}</td><td class=\"n\">{Percent(period.TotalRate)}</td>" +
                $"<td>{Text(Marks(period, settings) ?? string.Empty)}</td></tr>");
        }

        html.Append(C, $"</tbody><tfoot><tr><td>undated</td><td class=\"n\">{Number(data.UndatedMessages)}</td><td class=\"n\">{Number(data.Undated.Hard)}</td>" +
            $"<td class=\"n\">{Number(data.Undated.AddressSoft)}</td><td class=\"n\">{Number(data.Undated.SenderSide)}</td><td class=\"n\">–</td><td class=\"n\">–</td>" +
                $"<td>not in any rate</td></tr></tfoot></table>");
        Close(html);
    }

    /// <summary>The marks of a period: which thresholds its rates reach, or <see langword="null"/> for none.</summary>
    internal static string? Marks(PeriodRow period, ReportSettings settings)
    {
        var marks = new List<string>();
        if (period.Rate(BounceKind.Hard) >= settings.HardThreshold)
        {
            marks.Add($"▲ hard ≥ {Percent(settings.HardThreshold)}");
        }

        if (period.TotalRate >= settings.BounceThreshold)
        {
            marks.Add($"▲ all ≥ {Percent(settings.BounceThreshold)}");
        }

        return marks.Count == 0 ? null : string.Join("; ", marks);
    }

    private static void SenderSection(StringBuilder html, ReportData data)
    {
        Open(html, "sender");
        if (data.SenderSide.Count == 0)
        {
            html.Append("<p>No sender-side bounces: no receiving server refused the sending itself (block lists, authentication, PTR, reputation, spam filters, rate " +
                "limits, policy).</p>");
            Close(html);
            return;
        }

        var total = data.SenderSide.Sum(s => s.Count);
        var top = data.SenderSide[0];
        var bars = data.SenderSide.Select(s => new SvgChart.Bar(s.Reason, [new SvgChart.Segment(0, s.Count)])).ToList();
        Figure(
            html,
            SvgChart.Render("chart-sender", "Sender-side bounces by reason", SvgChart.Single, bars, Number),
            $"{Number(total)} bounces say the problem is the sending, not the address; most say {top.Reason} ({Number(top.Count)}). Fix these at the sender: dropping " +
                $"the addresses would not help.");
        html.Append("<table class=\"sortable\"><caption>Sender-side bounces by reason</caption><thead><tr><th>Reason</th><th class=\"n\">Bounces</th><th>Domains that say so" +
            "</th><th>Example reply</th><th>What to do</th></tr></thead><tbody>");
        foreach (var row in data.SenderSide)
        {
            var domains = string.Join(", ", row.Domains.Select(d => $"{d.Domain} ({Number(d.Count)})"));
            html.Append(C, $"<tr><td>{Text(row.Reason)}</td><td class=\"n\">{Number(row.Count)}</td><td>{Text(domains)}</td>" +
                $"<td class=\"reply\">{Text(StatsReport.ReplyText(row.ExampleReply))}</td><td>{Advice(row.Reason)}</td></tr>");
        }

        html.Append("</tbody></table>");
        Close(html);
    }

    /// <summary>The plain-words advice for a sender-side reason.</summary>
    internal static string Advice(string reason) => BounceKinds.Reason(reason) switch
    {
        BounceReason.Blocked => "Your sending IP address or domain is on a block list: find which one in the reply, fix the cause, and ask the list for removal.",
        BounceReason.AuthFailure => "Check SPF, DKIM and DMARC: the sending domain must pass and align with the From domain.",
        BounceReason.RequirePtr => "Set a PTR (reverse DNS) record for the sending IP address that matches its host name.",
        BounceReason.BadReputation => "Your reputation is poor at this provider: send only to engaged recipients, remove old addresses, and warm up slowly.",
        BounceReason.SpamDetected => "The content was judged to be spam: review the content, links and list consent, and check the authentication.",
        BounceReason.RateLimited => "You sent too fast for this provider: slow down, and spread the sending over time.",
        BounceReason.PolicyViolation => "The message broke the provider's policy: read the reply for which rule, and change the content or the sending.",
        _ => "Read the reply: it names what the receiving server refused.",
    };

    private static void DomainSection(StringBuilder html, ReportData data)
    {
        Open(html, "domains");
        if (data.Domains.Count == 0)
        {
            html.Append("<p>No bounces and no messages: no domain to show.</p>");
            Close(html);
            return;
        }

        var hasMessages = data.Domains.Any(d => d.Sent is not null);
        var bars = data.Domains.Select(d => new SvgChart.Bar(
            d.Domain,
            [.. BounceKinds.All.Select((kind, i) => new SvgChart.Segment(i, hasMessages ? (d.Sent is > 0 ? (double)d.Bounced[kind] / d.Sent.Value : 0) : d.Bounced[kind]))],
            d.Jumped ? "▲ jumped" : null)).ToList();
        var jumped = data.Domains.Where(d => d.Jumped).Select(d => d.Domain).ToList();
        var worst = data.Domains.Where(d => d.Rate is not null).OrderByDescending(d => d.Rate).FirstOrDefault();
        var sentence = hasMessages && worst is not null
            ? $"Of the top {data.Domains.Count} domains by messages sent, {worst.Domain} bounces most: {Percent(worst.Rate)} of {Number(worst.Sent ?? 0)} messages."
            : $"No messages exported: the top {data.Domains.Count} domains are ranked by their dated bounces, and no rate is shown.";
        sentence += jumped.Count == 0
            ? " No domain's latest rate jumped against its own past."
            : $" {string.Join(", ", jumped)} jumped: the latest period's rate is at least {data.Settings.JumpFactor.ToString("0.##", C)} times its own past rate.";
        var title = hasMessages ? "Bounce rate of the top recipient domains, by kind" : "Dated bounces of the top recipient domains, by kind (no rates)";
        if (SvgChart.HasMarks(bars))
        {
            Figure(html, SvgChart.Render("chart-domains", title, SvgChart.Kinds, bars, hasMessages ? v => Percent(v) : Number), sentence);
        }
        else
        {
            html.Append(C, $"<p>{Text(sentence)}</p>");
        }

        html.Append(C, $"<table class=\"sortable\"><caption>{Text(title)}</caption><thead><tr><th>Domain</th><th class=\"n\">Sent</th><th class=\"n\">Bounced</th>" +
            $"<th class=\"n\">Rate</th><th class=\"n\">Hard</th><th class=\"n\">Sender-side</th><th class=\"n\">Undated</th><th>Dominant reason</th><th class=\"n\">Past rate" +
                $"</th><th class=\"n\">Latest rate</th><th>Jump</th></tr></thead><tbody>");
        foreach (var d in data.Domains)
        {
            html.Append(C, $"<tr><td>{Text(d.Domain)}</td><td class=\"n\">{(d.Sent is { } s ? Number(s) : "–")}</td><td class=\"n\">{Number(d.Bounced.Total)}</td>" +
                $"<td class=\"n\">{Percent(d.Rate)}</td><td class=\"n\">{Number(d.Bounced.Hard)}</td><td class=\"n\">{Number(d.Bounced.SenderSide)}</td>" +
                    $"<td class=\"n\">{Number(d.Undated)}</td>");
            html.Append(C, $"<td>{Text(d.DominantReason)}</td><td class=\"n\">{Percent(d.PastRate)}</td><td class=\"n\">{Percent(d.LatestRate)}</td>" +
                $"<td>{(d.Jumped ? "▲ jumped" : string.Empty)}</td></tr>");
        }

        html.Append("</tbody></table>");
        Close(html);
    }

    private static void ReasonSection(StringBuilder html, ReportData data)
    {
        Open(html, "reasons");
        var total = data.Reasons.Sum(r => r.Count);
        if (total == 0)
        {
            html.Append("<p>No bounces: no reason to show.</p>");
            Close(html);
            return;
        }

        var byReason = data.Reasons.GroupBy(r => r.Reason, StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Hard: g.Where(r => r.HardBounce).Sum(r => r.Count), Soft: g.Where(r => !r.HardBounce).Sum(r => r.Count)))
            .OrderByDescending(r => r.Hard + r.Soft).ThenBy(r => r.Reason, StringComparer.Ordinal).ToList();
        var bars = byReason.Select(r => new SvgChart.Bar(r.Reason, [new SvgChart.Segment(0, r.Hard), new SvgChart.Segment(1, r.Soft)])).ToList();
        var undefined = byReason.Where(r => BounceKinds.Reason(r.Reason) == BounceReason.Undetermined).Sum(r => r.Hard + r.Soft);
        var top = byReason[0];
        Figure(
            html,
            SvgChart.Render("chart-reasons", "Bounces by the classifier's reason, hard and soft", SvgChart.HardSoft, bars, Number),
            $"{top.Reason} is the most common reason ({Percent((double)(top.Hard + top.Soft) / total)} of bounces); the classifier could not decide " +
                $"{Percent((double)undefined / total)} of them (undefined).");
        html.Append("<table class=\"sortable\"><caption>Bounces by reason</caption><thead><tr><th>Reason</th><th>Bounce</th><th>Kind</th><th class=\"n\">Count</th>" +
            "<th class=\"n\">Share</th></tr></thead><tbody>");
        foreach (var r in data.Reasons)
        {
            html.Append(C, $"<tr><td>{Text(r.Reason)}</td><td>{(r.HardBounce ? "hard" : "soft")}</td><td>{BounceKinds.Name(r.Kind)}</td><td class=\"n\">{Number(r.Count)}</td>" +
                $"<td class=\"n\">{Percent((double)r.Count / total)}</td></tr>");
        }

        html.Append("</tbody></table>");
        Close(html);
    }

    private static void CampaignSection(StringBuilder html, ReportData data)
    {
        Open(html, "campaigns");
        if (data.Campaigns.Count == 0)
        {
            html.Append("<p>No campaigns: no bounce or message names one.</p>");
            Close(html);
            return;
        }

        var hasMessages = data.Campaigns.Any(c => c.Sent is not null);
        string Name(CampaignRow c) => c.Name is { Length: > 0 } name ? name : c.MessageId is { } id ? "message " + id.ToString(C) : "(no campaign)";
        var bars = data.Campaigns.Select(c => new SvgChart.Bar(Name(c), [new SvgChart.Segment(0, hasMessages ? c.Rate ?? 0 : c.Bounced)])).ToList();
        var worst = data.Campaigns[0];
        var sentence = hasMessages && worst.Rate is not null
            ? $"{Name(worst)} bounced worst: {Percent(worst.Rate)} of its {Number(worst.Sent ?? 0)} messages."
            : "No messages exported: campaigns are listed by their dated bounces, without rates.";
        if (!data.Freshness.Datasets.Any(d => d.Name == "campaigns" && d.Present))
        {
            sentence += " Campaigns were not exported, so they are named by Mailkit's message ID.";
        }

        var title = hasMessages ? "Bounce rate by campaign, worst first" : "Dated bounces by campaign (no rates)";
        if (SvgChart.HasMarks(bars))
        {
            Figure(html, SvgChart.Render("chart-campaigns", title, SvgChart.Single, bars, hasMessages ? v => Percent(v) : Number), sentence);
        }
        else
        {
            html.Append(C, $"<p>{Text(sentence)}</p>");
        }

        html.Append(C, $"<table class=\"sortable\"><caption>{Text(title)}</caption><thead><tr><th>Campaign</th><th class=\"n\">Message ID</th><th class=\"n\">Sent</th>" +
            $"<th class=\"n\">Bounced</th><th class=\"n\">Rate</th><th class=\"n\">Undated</th></tr></thead><tbody>");
        foreach (var c in data.Campaigns)
        {
            html.Append(C, $"<tr><td>{Text(Name(c))}</td><td class=\"n\">{c.MessageId?.ToString(C) ?? "–"}</td><td class=\"n\">{(c.Sent is { } s ? Number(s) : "–")}</td>" +
                $"<td class=\"n\">{Number(c.Bounced)}</td><td class=\"n\">{Percent(c.Rate)}</td><td class=\"n\">{Number(c.Undated)}</td></tr>");
        }

        html.Append("</tbody></table>");
        Close(html);
    }

    private static void SuppressionSection(StringBuilder html, ReportData data)
    {
        Open(html, "suppressions");
        var s = data.Suppressions;
        var change = Change(data);
        if (s.Total == 0)
        {
            html.Append(C, $"<p>No address to stop mailing: no hard bounce, and no soft bounce of an address itself on {data.Settings.Repeats} or more sends. {Text(change)}</p>");
            Close(html);
            return;
        }

        var bars = s.ByReason.Select(r => new SvgChart.Bar(r.Reason, [new SvgChart.Segment(0, r.Count)])).ToList();
        Figure(
            html,
            SvgChart.Render("chart-suppressions", "Addresses to stop mailing, by their most common reason", SvgChart.Single, bars, Number),
            $"Stop mailing {Number(s.Total)} addresses now: every hard bounce, and soft bounces of the address itself on {data.Settings.Repeats} or more sends. {change} " +
                $"The suppressions command lists them.");
        var previous = data.Previous?.SuppressionsByReason;
        html.Append("<table class=\"sortable\"><caption>Addresses to stop mailing, by reason</caption><thead><tr><th>Reason</th><th class=\"n\">Addresses</th>" +
            "<th class=\"n\">Previous report</th><th class=\"n\">Change</th></tr></thead><tbody>");
        foreach (var reason in s.ByReason.Select(r => r.Reason).Concat(previous?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal))
        {
            var now = s.ByReason.FirstOrDefault(r => r.Reason == reason).Count;
            html.Append(C, $"<tr><td>{Text(reason)}</td><td class=\"n\">{Number(now)}</td>");
            html.Append(previous is null ? "<td class=\"n\">–</td><td class=\"n\">–</td>" +
                "</tr>" : $"<td class=\"n\">{Number(previous.GetValueOrDefault(reason))}</td><td class=\"n\">{Signed(now - previous.GetValueOrDefault(reason))}</td></tr>");
        }

        html.Append(C, $"</tbody><tfoot><tr><td>all</td><td class=\"n\">{Number(s.Total)}</td><td class=\"n\">{(data.Previous is { } p ? Number(p.Suppressions) : "–")}</td>" +
            $"<td class=\"n\">{(data.Previous is { } q ? Signed(s.Total - q.Suppressions) : "–")}</td></tr></tfoot></table>");
        Close(html);
    }

    /// <summary>How the suppression list changed since the report the output file held before.</summary>
    internal static string Change(ReportData data) => data.Previous is not { } previous
        ? "There is no previous report at this path to compare with."
        : (data.Suppressions.Total - previous.Suppressions) switch
        {
            0 => $"That is as many as the previous report of {Time(previous.GeneratedAt)}.",
            > 0 and var more => $"That is {Number(more)} more than the previous report of {Time(previous.GeneratedAt)}.",
            var fewer => $"That is {Number(-fewer)} fewer than the previous report of {Time(previous.GeneratedAt)}.",
        };

    private static void FreshnessSection(StringBuilder html, ReportData data)
    {
        Open(html, "freshness");
        var f = data.Freshness;
        html.Append(C, $"<p>Last export: {(f.LastExport is { } last ? Text(last) : "unknown (no checkpoint)")}.</p>");
        var missing = f.Datasets.Where(d => !d.Present).ToList();
        if (missing.Count > 0)
        {
            html.Append("<ul class=\"missing\">");
            foreach (var d in missing)
            {
                html.Append(C, $"<li>{Missing(d.Name)}</li>");
            }

            html.Append("</ul>");
        }

        if (!f.BouncesHaveSendTimes)
        {
            html.Append("<p class=\"missing\">The bounces have no send times (an export from before send times were exported): every bounce is undated.</p>");
        }

        html.Append("<table><caption>Datasets in the export</caption><thead><tr><th>Dataset</th><th>Table</th><th>Present</th><th class=\"n\">Rows</th><th>Newest</th></tr>" +
            "</thead><tbody>");
        foreach (var d in f.Datasets)
        {
            html.Append(C, $"<tr><td>{d.Name}</td><td>{d.Table}</td><td>{(d.Present ? "yes" : "no")}</td><td class=\"n\">{(d.Present ? Number(d.Rows) : "–")}</td>" +
                $"<td>{(d.Newest is { } n ? Text(n) : "–")}</td></tr>");
        }

        html.Append("</tbody></table>");
        Close(html);
    }

    /// <summary>What a missing dataset costs the report, in one line.</summary>
    internal static string Missing(string dataset) => dataset switch
    {
        "messages" => "No messages exported: rates unavailable.",
        "responses" => "No responses exported: opens and clicks are not shown.",
        "unsubscribes" => "No unsubscribes exported: unsubscribed addresses are not counted.",
        "campaigns" => "No campaigns exported: campaigns are named by Mailkit's message ID.",
        _ => $"No {dataset} exported.",
    };

    private static void Open(StringBuilder html, string id) =>
        html.Append(C, $"<section id=\"{id}\"><h2>{Sections.First(s => s.Id == id).Heading}</h2>");

    private static void Close(StringBuilder html) => html.Append("</section>");

    private static void Figure(StringBuilder html, string svg, string sentence) =>
        html.Append(C, $"<figure>{svg}<figcaption>{Text(sentence)}</figcaption></figure>");

    private static string Text(string text) => WebUtility.HtmlEncode(SafeText.Line(text));

    private static string Number(double value) => value.ToString("N0", C);

    private static string Number(long value) => value.ToString("N0", C);

    private static string Signed(long value) => value > 0 ? "+" + Number(value) : Number(value);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", C);
}
