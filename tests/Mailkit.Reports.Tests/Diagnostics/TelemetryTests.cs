using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Mailkit.Reports.Diagnostics;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Mailkit.Reports.Tests.Diagnostics;

public class TelemetryTests
{
    [Fact]
    public async Task Walk_WithRetries_ReportsLogsSpansAndMetricsWithoutTheMd5()
    {
        var logs = new FakeLogCollector();
        var tags = new ConcurrentQueue<string>();
        var spans = new ConcurrentQueue<Activity>();
        var measurements = new ConcurrentQueue<(string Instrument, long Value)>();
        var clientId = ResilienceTests.NextClientId();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MailkitTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                spans.Enqueue(activity);
                foreach (var tag in activity.TagObjects)
                {
                    tags.Enqueue($"{tag.Key}={tag.Value}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener { InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == MailkitTelemetry.Name) { l.EnableMeasurementEvents(instrument); } } };
        meters.SetMeasurementEventCallback<long>((instrument, value, measurementTags, _) =>
        {
            if (Contains(measurementTags, "mailkit.function"))
            {
                measurements.Enqueue((instrument.Name, value));
            }

            foreach (var tag in measurementTags)
            {
                tags.Enqueue($"{tag.Key}={tag.Value}");
            }
        });
        meters.Start();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));

        var server = new Pagination.InMemoryPages(Enumerable.Range(1, 12).Select(i => (long)i));
        server.WireFault = (call, body) => call switch
        {
            1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy " + TestSupport.Md5) },
            3 => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body[..(body.Length / 2)]) },
            _ => null,
        };
        var options = ResilienceTests.Options(clientId: clientId);
        using var client = new MailkitClient(new HttpClient(server.JsonHandler()), options, loggerFactory);
        var count = 0;

        await foreach (var unused in client.GetAllRawBouncesAsync(new RawBouncesRequest { PageSize = 5 }))
        {
            count++;
        }

        Assert.Equal(12, count);
        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Warning && r.Message.StartsWith("Attempt 1 of mailkit.report.raw.bounces failed (HTTP 503)", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Warning && r.Message.StartsWith("Reading the body of mailkit.report.raw.bounces failed", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Message.StartsWith("Called mailkit.report.raw.bounces over json", StringComparison.Ordinal));
        // Other tests walk at the same time: this walk is the one whose calls carry this client's ID.
        var calls = spans.Where(s => Equals(s.GetTagItem("mailkit.client_id"), clientId)).ToList();
        var walk = Assert.Single(spans, s => s.OperationName == "mailkit.report.raw.bounces walk" && calls.Exists(c => c.ParentSpanId == s.SpanId));
        Assert.Equal(12L, walk.GetTagItem("mailkit.records"));
        Assert.True(calls.Count(s => s.ParentSpanId == walk.SpanId) >= 4);
        Assert.Contains(measurements, m => m.Instrument == "mailkit.reports.retries");
        Assert.True(measurements.Where(m => m.Instrument == "mailkit.reports.records").Sum(m => m.Value) >= 12);
        Assert.Contains(measurements, m => m.Instrument == "mailkit.reports.requests");
        var everything = Everything(logs) + string.Join("\n", tags);
        Assert.DoesNotContain(TestSupport.Md5, everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every log line with its level, the values of its structured state and scopes, and its exception.</summary>
    internal static string Everything(FakeLogCollector logs) => string.Join('\n', logs.GetSnapshot().Select(r =>
    {
        var state = r.StructuredState is { } pairs ? string.Join(';', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        var scopes = string.Join(';', r.Scopes.Select(s => s is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(';', values.Select(p => $"{p.Key}={p.Value}"))
            : s?.ToString()));
        return $"{r.Level} {r.Message} | {state} | {scopes} | {r.Exception}";
    }));

    private static bool Contains(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return true;
            }
        }

        return false;
    }
}
