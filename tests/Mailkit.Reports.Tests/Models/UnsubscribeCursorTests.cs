using System.Globalization;
using System.Net;
using System.Text.Json;
using Mailkit.Reports.Models;
using RichardSzalay.MockHttp;

namespace Mailkit.Reports.Tests.Models;

/// <summary>
/// The date cursor of <c>mailkit.mailinglist.unsubscribed</c>: a second call adds nothing, the last day is asked for
/// again, a server that reads <c>range_from</c> as exclusive still loses nothing, and an address may appear twice.
/// </summary>
public class UnsubscribeCursorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_SecondCallWithTheNextRequest_AddsNothing(bool exclusive)
    {
        var server = new UnsubscribeServer { Exclusive = exclusive };
        server.Add("2026-04-01 09:00:00", "a@seznam.cz");
        server.Add("2026-04-02 15:00:00", "b@seznam.cz", "27,29");
        server.Add("2026-04-02 15:00:00", "c@seznam.cz");
        using var client = server.Client();

        var first = await client.GetUnsubscribesAsync(new UnsubscribesRequest());
        var second = await client.GetUnsubscribesAsync(first.NextRequest);

        Assert.Equal(["a@seznam.cz", "b@seznam.cz", "c@seznam.cz"], first.Records.Select(r => r.Email));
        Assert.Empty(second.Records);
        Assert.Equal(first.NextRequest.After, second.NextRequest.After);
        Assert.Equal(first.NextRequest.KnownAtAfter.Order(StringComparer.Ordinal), second.NextRequest.KnownAtAfter.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_NextRequest_AsksAgainForTheDayOfTheNewest()
    {
        var server = new UnsubscribeServer();
        server.Add("2026-04-02 15:00:00", "b@seznam.cz");
        using var client = server.Client();

        var first = await client.GetUnsubscribesAsync(new UnsubscribesRequest());
        await client.GetUnsubscribesAsync(first.NextRequest);

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 15, 0, 0, TimeSpan.FromHours(2)), first.NextRequest.After);
        Assert.Equal("1970-01-01", server.AskedFrom[0]);
        Assert.True(
            string.CompareOrdinal(server.AskedFrom[1], "2026-04-02") <= 0,
            $"The second call asked from {server.AskedFrom[1]}, after the day of the newest unsubscription.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_LaterArrivalsOnTheOverlapDay_ReturnedOnce(bool exclusive)
    {
        var server = new UnsubscribeServer { Exclusive = exclusive };
        server.Add("2026-04-02 15:00:00", "b@seznam.cz");
        using var client = server.Client();
        var first = await client.GetUnsubscribesAsync(new UnsubscribesRequest());

        // Later the same day: one at the very same second, one after it; and one the next day.
        server.Add("2026-04-02 15:00:00", "same-second@seznam.cz");
        server.Add("2026-04-02 18:30:00", "evening@seznam.cz");
        server.Add("2026-04-03 07:00:00", "next-day@seznam.cz");
        var second = await client.GetUnsubscribesAsync(first.NextRequest);
        var third = await client.GetUnsubscribesAsync(second.NextRequest);

        Assert.Equal(["same-second@seznam.cz", "evening@seznam.cz", "next-day@seznam.cz"], second.Records.Select(r => r.Email));
        Assert.Empty(third.Records);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_AddressUnsubscribedTwice_KeptTwice()
    {
        var server = new UnsubscribeServer();
        server.Add("2026-01-10 08:00:00", "twice@seznam.cz");
        server.Add("2026-03-05 20:15:00", "twice@seznam.cz");
        server.Add("2026-03-05 20:15:00", "twice@seznam.cz", "27");
        using var client = server.Client();

        var first = await client.GetUnsubscribesAsync(new UnsubscribesRequest());
        var second = await client.GetUnsubscribesAsync(first.NextRequest);

        Assert.Equal(3, first.Records.Count);
        Assert.All(first.Records, r => Assert.Equal("twice@seznam.cz", r.Email));
        Assert.Equal(3, first.Records.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(second.Records);
    }

    [Fact]
    [Trait("Issue", "25")]
    public async Task GetUnsubscribesAsync_ServerRepeatsARecordInOneAnswer_ReturnedOnce()
    {
        var server = new UnsubscribeServer();
        server.Add("2026-01-10 08:00:00", "a@seznam.cz");
        server.Add("2026-01-10 08:00:00", "a@seznam.cz");
        using var client = server.Client();

        var page = await client.GetUnsubscribesAsync(new UnsubscribesRequest());

        Assert.Single(page.Records);
    }

    /// <summary>A Mailkit that answers unsubscriptions from <c>range_from</c> on: from its first second, or (exclusive) from the day after.</summary>
    private sealed class UnsubscribeServer
    {
        private readonly List<(string Date, string Email, string Group)> _records = [];

        public bool Exclusive { get; init; }

        public List<string> AskedFrom { get; } = [];

        public void Add(string date, string email, string group = "") => _records.Add((date, email, group));

        public MailkitClient Client()
        {
            var handler = TestSupport.StrictHandler();
            handler.When(HttpMethod.Post, TestSupport.JsonUrl).Respond(async request =>
            {
                using var call = JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
                var from = call.RootElement.GetProperty("parameters").GetProperty("range_from").GetString()!;
                AskedFrom.Add(from);
                var day = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var answer = _records
                    .Where(r => DateOnly.ParseExact(r.Date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) is var d && (Exclusive ? d > day : d >= day))
                    .Select(r => new Dictionary<string, string> { ["DATE"] = r.Date, ["ID_UNSUBSCRIBE_GROUP"] = r.Group, ["EMAIL"] = r.Email });
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(answer)) };
            });
            return TestSupport.ClientFor(handler);
        }
    }
}
