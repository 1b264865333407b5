using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mailkit.Reports.Cli.Report;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>The HTML file as a reader and a browser get it: well-formed, every section, charts with text, nothing loaded, hostile text inert.</summary>
public sealed partial class ReportHtmlTests
{
    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_SmallWorld_IsWellFormedWithEverySectionHeading()
    {
        var html = HtmlReport.Render(await ReadWorldAsync());

        var document = Parse(html);
        var headings = document.Descendants("h2").Select(h => h.Value).ToList();
        Assert.Equal(HtmlReport.Sections.Select(s => s.Heading), headings);
        Assert.Equal(HtmlReport.Title, Assert.Single(document.Descendants("main").Elements("h1")).Value);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_SmallWorld_GivesEveryChartATitleAnAriaLabelMarksASentenceAndATable()
    {
        var document = Parse(HtmlReport.Render(await ReadWorldAsync()));

        var charts = document.Descendants("svg").ToList();
        Assert.Equal(6, charts.Count);
        foreach (var svg in charts)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)svg.Attribute("aria-label")));
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(svg.Element("title")?.Value));
            Assert.Contains(svg.Elements("rect"), r => (string?)r.Attribute("class") == "mark");
            var figure = svg.Parent!;
            Assert.Equal("figure", figure.Name.LocalName);
            Assert.False(string.IsNullOrWhiteSpace(figure.Element("figcaption")?.Value));
            Assert.Equal("table", figure.ElementsAfterSelf().First().Name.LocalName);
        }
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_HostileReplyAndCampaignName_AreEscapedAndInert()
    {
        var html = HtmlReport.Render(await ReadWorldAsync());

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; sale", html, StringComparison.Ordinal);
        var document = Parse(html);
        var scripts = document.Descendants("script").ToList();
        Assert.Equal(2, scripts.Count);
        Assert.Equal(ReportSummary.ElementId, (string?)scripts[0].Attribute("id"));
        var replies = document.Descendants("td").Where(td => (string?)td.Attribute("class") == "reply").Select(td => td.Value);
        Assert.Contains("550 5.7.1 <…>alert('reply')</script> blocked by list", replies);
        Assert.Contains(ReportWorld.HostileCampaign, document.Descendants("td").Select(td => td.Value));
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_SmallWorld_LoadsNothingFromAnywhere()
    {
        var html = HtmlReport.Render(await ReadWorldAsync());

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_NoMessagesExported_SaysRatesAreUnavailableAndShowsNoRate()
    {
        var html = HtmlReport.Render(await ReportFixture.ReadAsync(await ReportFixture.SqliteAsync(messages: false)));

        Assert.Contains("No messages exported: rates unavailable", html, StringComparison.Ordinal);
        var document = Parse(html);
        var rateTable = document.Descendants("section").Single(s => (string?)s.Attribute("id") == "rate").Element("table")!;
        var cells = rateTable.Descendants("tbody").Elements("tr").SelectMany(tr => tr.Elements("td").Skip(5).Take(2)).Select(td => td.Value);
        Assert.All(cells, cell => Assert.Equal("–", cell));
        Assert.DoesNotContain("hard 2.00 %", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Issue", "26")]
    public async Task Render_SmallWorld_SaysWhereTheThresholdWasCrossedAndWhichDomainJumped()
    {
        var document = Parse(HtmlReport.Render(await ReadWorldAsync()));

        var captions = document.Descendants("figcaption").Select(f => f.Value).ToList();
        Assert.Contains(captions, c => c.Contains("was crossed in 2 of 3 weeks, most recently the week of 2026-11-16", StringComparison.Ordinal));
        Assert.Contains(captions, c => c.Contains("b.test jumped", StringComparison.Ordinal));
        Assert.Contains(captions, c => c.StartsWith("Newsletter bounced worst: 6.67 % of its 150 messages.", StringComparison.Ordinal));
        Assert.Contains(captions, c => c.StartsWith("Stop mailing 5 addresses now", StringComparison.Ordinal));
    }

    internal static XDocument Parse(string html) => XDocument.Parse(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal));

    private static async Task<ReportData> ReadWorldAsync() => await ReportFixture.ReadAsync(await ReportFixture.SqliteAsync());

    [GeneratedRegex("""(src|href)\s*=\s*["']?(//|(?!data:)[a-z]+:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
