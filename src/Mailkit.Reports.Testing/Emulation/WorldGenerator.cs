using System.Globalization;

namespace Mailkit.Reports.Testing.Emulation;

/// <summary>
/// Generates a seeded, coherent world: a population of addresses, campaigns with sends spread over the weeks asked for,
/// a message per recipient and send, bounces of some messages (worded by <see cref="BounceDataGenerator"/>), opens,
/// clicks and unsubscribes of others, and the unsubscribe list. The oldest send is pruned from raw messages, the newest
/// two still have messages waiting, and one send starts in the repeated autumn hour when the weeks hold it.
/// </summary>
internal static class WorldGenerator
{
    /// <summary>The first <c>ID_UNDELIVERED_LOG</c> of the world's bounces, far above the IDs <see cref="BounceDataGenerator"/> gives by default.</summary>
    public const long FirstUndeliveredLogId = 5_000_000_000;

    private const double BounceShare = 0.08;
    private const double OpenShare = 0.35;
    private const double ClickShare = 0.4;
    private const double UnsubscribeShare = 0.03;

    // A Czech sender's mix of recipient domains, each with its weight.
    private static readonly (string Domain, int Weight)[] DomainMix =
    [
        ("seznam.cz", 30), ("gmail.com", 24), ("email.cz", 10), ("centrum.cz", 8), ("outlook.com", 6), ("post.cz", 4), ("volny.cz", 3),
        ("yahoo.com", 3), ("gmx.de", 3), ("firma.cz", 3), ("wp.pl", 2), ("orange.fr", 1), ("příklad.cz", 1), ("bücher.de", 1),
    ];

    private static readonly string[] Groups = [string.Empty, string.Empty, "0", "27,29", "27", "27,29,35"];

    public static (EmulatedWorld World, List<EmulatedBounce> Bounces) Generate(EmulatedWorldOptions options)
    {
        var random = new Random(options.Seed);
        var wording = new Random(unchecked((options.Seed * 486_187_739) + 97));
        var later = options.RepeatedHourIsLaterPass;
        var spanDays = options.Weeks * 7;
        var start = PragueTime.At(options.FirstDay, TimeOnly.MinValue, later);
        var end = PragueTime.At(options.FirstDay.AddDays(spanDays), TimeOnly.MinValue, later);

        var population = Population(options, random, start);
        var campaigns = Campaigns(options);
        var sends = Sends(options, campaigns, random, later);

        var messages = new List<EmulatedMessage>(sends.Count * options.RecipientsPerSend);
        var bounced = new List<(EmulatedMessageBounce Bounce, Variant Variant)>();
        var responses = new List<EmulatedResponse>();
        var sendMessageId = 3_500_000_000L;
        for (var s = 0; s < sends.Count; s++)
        {
            var send = sends[s];
            var waiting = s >= sends.Count - 2;
            var recipients = options.RecipientsPerSend;
            var window = Math.Min(recipients * 2, 2_400);
            var offset = random.Next(population.Count);
            foreach (var r in Enumerable.Range(0, recipients))
            {
                var address = population[(offset + r) % population.Count];
                var ab = send.Campaign.UseAb ? (r % 2 == 0 ? "A" : "B") : string.Empty;
                var status = waiting && r % 40 == 39 ? "wait" : waiting && r % 40 == 38 ? "wait_ab" : "sent";
                DateTimeOffset? sentAt = status == "sent" ? PragueTime.Settle(send.SentAt.AddSeconds((double)r * window / recipients), later) : null;
                var message = new EmulatedMessage(sendMessageId, send, address, sentAt, status, ab);
                sendMessageId += 1 + (random.Next(5) == 0 ? 1 : 0);
                messages.Add(message);
                if (sentAt is not { } at)
                {
                    continue;
                }

                send.SendCount++;
                if (random.NextDouble() < BounceShare)
                {
                    message.RecipientStatus = "failed";
                    var bouncedAt = PragueTime.Settle(at.AddSeconds(random.Next(20, 3 * 3600)), later);
                    bounced.Add((new EmulatedMessageBounce(message, bouncedAt), BounceDataGenerator.DrawVariant(address.Domain, random, wording)));
                    continue;
                }

                send.DeliveredCount++;
                if (!send.Pruned)
                {
                    React(message, at, random, later, responses);
                }

                if (message.ReadCount > 0)
                {
                    send.ReadCount++;
                }
            }
        }

        var bounces = NumberBounces(bounced, random);
        NumberResponses(responses, random);
        var unsubscribes = Unsubscribes(responses, population, random, start, end, later);
        var world = new EmulatedWorld(campaigns, sends, messages, [.. bounced.Select(b => b.Bounce)], responses, unsubscribes);
        return (world, bounces);
    }

    private static List<WorldAddress> Population(EmulatedWorldOptions options, Random random, DateTimeOffset start)
    {
        var total = DomainMix.Sum(d => d.Weight);
        var size = Math.Max(options.RecipientsPerSend + 1, options.RecipientsPerSend * 5 / 4);
        var population = new List<WorldAddress>(size);
        for (var k = 0; k < size; k++)
        {
            var first = BounceDataGenerator.FirstNames[random.Next(BounceDataGenerator.FirstNames.Length)];
            var last = BounceDataGenerator.LastNames[random.Next(BounceDataGenerator.LastNames.Length)];
            var pick = random.Next(total);
            var domain = DomainMix[0].Domain;
            foreach (var (name, weight) in DomainMix)
            {
                if (pick < weight)
                {
                    domain = name;
                    break;
                }

                pick -= weight;
            }

            var local = k % 25 == 0 ? $"{first}.{last}{k}" : $"{BounceDataGenerator.Ascii(first)}.{BounceDataGenerator.Ascii(last)}{k}";
            var addedAt = start.AddDays(-random.Next(30, 900)).AddSeconds(random.Next(86_400));
            population.Add(new WorldAddress(7_100_000_000 + (k * 4L) + random.Next(4), $"{local}@{domain}", domain, first, addedAt));
        }

        return population;
    }

    private static List<EmulatedCampaign> Campaigns(EmulatedWorldOptions options)
    {
        var names = BounceDataGenerator.CampaignNames;
        var campaigns = new List<EmulatedCampaign>(options.Campaigns);
        for (var c = 0; c < options.Campaigns; c++)
        {
            var name = c < names.Length ? names[c] : $"{names[c % names.Length]} ({(c / names.Length) + 1})";
            List<long> lists = c % 4 == 3 ? [300 + (c % 3), 310] : [300 + (c % 3)];
            campaigns.Add(new EmulatedCampaign(20_001 + c, name, $"{name}: jen pro vás", useAb: c % 3 == 1, lists));
        }

        return campaigns;
    }

    /// <summary>The sends, spread over the weeks in daytime, numbered in the order they start; the oldest is pruned.</summary>
    private static List<EmulatedSend> Sends(EmulatedWorldOptions options, List<EmulatedCampaign> campaigns, Random random, bool later)
    {
        var total = options.Campaigns * options.SendsPerCampaign;
        var spanDays = options.Weeks * 7;
        var planned = new List<(EmulatedCampaign Campaign, DateOnly Day, DateTimeOffset At)>(total);
        for (var j = 0; j < options.SendsPerCampaign; j++)
        {
            foreach (var campaign in campaigns)
            {
                var slot = planned.Count;
                var day = options.FirstDay.AddDays((int)((long)slot * spanDays / total));
                var time = new TimeOnly(8, 0).Add(TimeSpan.FromSeconds(random.Next(12 * 3600)));
                planned.Add((campaign, day, PragueTime.At(day, time, later)));
            }
        }

        // One send, the one planned nearest the autumn change, starts in the hour the change repeats.
        var lastDay = options.FirstDay.AddDays(spanDays - 1);
        for (var year = options.FirstDay.Year; year <= lastDay.Year; year++)
        {
            var change = PragueTime.AutumnChange(year);
            if (change >= options.FirstDay && change <= lastDay)
            {
                var nearest = planned.Select((p, i) => (Index: i, Distance: Math.Abs(p.Day.DayNumber - change.DayNumber))).MinBy(p => p.Distance).Index;
                planned[nearest] = (planned[nearest].Campaign, change, PragueTime.At(change, new TimeOnly(2, 5), later));
            }
        }

        var sends = new List<EmulatedSend>(total);
        var sendId = 600_001L;
        foreach (var (campaign, _, at) in planned.OrderBy(p => p.At))
        {
            sends.Add(new EmulatedSend(sendId, campaign, at));
            sendId += 1 + random.Next(3);
        }

        sends[0].Pruned = true;
        foreach (var campaign in campaigns)
        {
            var own = sends.Where(s => s.Campaign == campaign).ToList();
            campaign.FirstSentAt = own[0].SentAt;
            campaign.LastSentAt = own[^1].SentAt;
        }

        return sends;
    }

    /// <summary>Opens a delivered message (sometimes more than once), and clicks or unsubscribes after some opens.</summary>
    private static void React(EmulatedMessage message, DateTimeOffset sentAt, Random random, bool later, List<EmulatedResponse> responses)
    {
        if (random.NextDouble() >= OpenShare)
        {
            return;
        }

        var opens = 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        var openedAt = PragueTime.Settle(sentAt.AddSeconds(random.Next(60, 2 * 86_400)), later);
        var firstOpen = openedAt;
        for (var i = 0; i < opens; i++)
        {
            responses.Add(new EmulatedResponse(message, "open", openedAt, null, string.Empty));
            openedAt = PragueTime.Settle(openedAt.AddSeconds(random.Next(3_600, 3 * 86_400)), later);
        }

        message.ReadCount = opens;
        if (random.NextDouble() < ClickShare)
        {
            var url = random.Next(5);
            var clickedAt = PragueTime.Settle(firstOpen.AddSeconds(random.Next(5, 900)), later);
            responses.Add(new EmulatedResponse(message, "click", clickedAt, 900_001 + url, $"https://www.example.cz/akce/{url + 1}?utm_source=mailkit"));
            message.ClickCount = 1;
        }

        if (random.NextDouble() < UnsubscribeShare)
        {
            var unsubscribedAt = PragueTime.Settle(firstOpen.AddSeconds(random.Next(10, 1_200)), later);
            responses.Add(new EmulatedResponse(message, "unsubscribe", unsubscribedAt, null, string.Empty));
        }
    }

    /// <summary>Numbers the bounces in the order they happened and writes each as raw bounces sends it.</summary>
    private static List<EmulatedBounce> NumberBounces(List<(EmulatedMessageBounce Bounce, Variant Variant)> bounced, Random random)
    {
        bounced.Sort((a, b) => a.Bounce.BouncedAt != b.Bounce.BouncedAt
            ? a.Bounce.BouncedAt.CompareTo(b.Bounce.BouncedAt)
            : a.Bounce.SendMessageId.CompareTo(b.Bounce.SendMessageId));
        var bounces = new List<EmulatedBounce>(bounced.Count);
        var id = FirstUndeliveredLogId;
        foreach (var (bounce, variant) in bounced)
        {
            var message = bounce.Message;
            bounce.UndeliveredLogId = id;
            bounce.Status = variant.Status;
            bounce.EmailStatus = variant.Status.StartsWith('4') ? "temporary" : "permanent";
            var fields = BounceDataGenerator.Fields(
                variant,
                id,
                message.Email,
                message.Domain,
                Text(message.CampaignId),
                Text(message.SendId),
                Text(message.SendMessageId),
                Text(message.EmailId),
                Text(message.Send.Campaign.UserListIds[0]),
                random);
            bounces.Add(new EmulatedBounce(fields) { TrueReason = variant.Reason });
            id += 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        }

        return bounces;
    }

    private static void NumberResponses(List<EmulatedResponse> responses, Random random)
    {
        responses.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.SendMessageId != b.SendMessageId
            ? a.SendMessageId.CompareTo(b.SendMessageId)
            : string.CompareOrdinal(a.Type, b.Type));
        var id = 8_000_000_001L;
        foreach (var response in responses)
        {
            response.LogId = id;
            id += 1 + (random.Next(3) == 0 ? 1 : 0);
        }
    }

    /// <summary>
    /// Every unsubscribe response, one address again later in another group, one address from two groups at once, a few
    /// phone numbers and a few addresses that left by other means; in the order they happened.
    /// </summary>
    private static List<EmulatedUnsubscribe> Unsubscribes(
        List<EmulatedResponse> responses, List<WorldAddress> population, Random random, DateTimeOffset start, DateTimeOffset end, bool later)
    {
        var span = (int)Math.Min(int.MaxValue, (end - start).TotalSeconds);
        DateTimeOffset Within() => PragueTime.Settle(start.AddSeconds(random.Next(span)), later);

        var unsubscribes = new List<EmulatedUnsubscribe>();
        foreach (var response in responses.Where(r => r.Type == "unsubscribe"))
        {
            unsubscribes.Add(new EmulatedUnsubscribe(response.Email, Groups[random.Next(Groups.Length)], response.At));
        }

        if (unsubscribes.Count > 0)
        {
            var first = unsubscribes[0];
            unsubscribes.Add(new EmulatedUnsubscribe(first.Email, "35", PragueTime.Settle(first.UnsubscribedAt.AddDays(9), later)));
        }

        var twice = population[population.Count / 2];
        var both = Within();
        unsubscribes.Add(new EmulatedUnsubscribe(twice.Email, "27", both));
        unsubscribes.Add(new EmulatedUnsubscribe(twice.Email, "29", both));
        for (var i = 0; i < 3; i++)
        {
            unsubscribes.Add(new EmulatedUnsubscribe($"+4207{random.Next(10_000_000, 99_999_999)}", Groups[random.Next(Groups.Length)], Within()));
        }

        for (var i = 0; i < Math.Max(3, population.Count / 200); i++)
        {
            unsubscribes.Add(new EmulatedUnsubscribe(population[random.Next(population.Count)].Email, Groups[random.Next(Groups.Length)], Within()));
        }

        return [.. unsubscribes.OrderBy(u => u.UnsubscribedAt).ThenBy(u => u.Email, StringComparer.Ordinal).ThenBy(u => u.Groups, StringComparer.Ordinal)];
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
