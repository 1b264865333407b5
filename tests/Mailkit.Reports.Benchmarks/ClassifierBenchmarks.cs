using BenchmarkDotNet.Attributes;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// The bounce classifier over a mix of typical replies, and over replies no rule decides with and without labelled
/// examples: one operation classifies 1 000 records.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private const int Records = 1_000;
    private static readonly (string Status, string Reply, string Mta, string Email)[] Typical =
    [
        ("5.1.1", "smtp; 550 5.1.1 <jan.novak@seznam.cz>: Recipient address rejected: User unknown in virtual mailbox table", "dns; mx1.seznam.cz", "jan.novak@seznam.cz"),
        ("5.1.1", "smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-5c6b0a8e5b1si1234567a12.123 - gsmtp", "dns; gmail-smtp-in.l.google.com", "petra@gmail.com"),
        ("5.2.2", "smtp; 552 5.2.2 Mailbox full - uživatel má plnou schránku", "dns; mx.centrum.cz", "eva@centrum.cz"),
        ("4.2.2", "smtp; 452 4.2.2 The email account that you tried to reach is over quota.", "dns; gmail-smtp-in.l.google.com", "tomas@gmail.com"),
        ("5.7.1", "smtp; 550 5.7.1 Service unavailable, Client host [192.0.2.10] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.10", "dns; outlook-com.olc.protection.outlook.com", "lucie@outlook.com"),
        ("4.4.7", "X-Postfix; delivery temporarily suspended: connect to mx.example.cz[192.0.2.25]:25: Connection timed out", string.Empty, "martin@example.cz"),
        ("5.4.4", "X-Postfix; Host or domain name not found. Name service error for name=example.cz type=MX: Host not found", string.Empty, "anna@example.cz"),
        ("4.7.0", "smtp; 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "dns; mta6.am0.yahoodns.net", "john@yahoo.com"),
        ("5.1.1", "smtp; 550 5.1.1 Użytkownik nie istnieje", "dns; mx.wp.pl", "lukasz@wp.pl"),
        ("5.2.2", "smtp; 552 5.2.2 Postfach voll", "dns; mx-ha03.web.de", "mueller@web.de"),
    ];

    // Replies no rule decides, as a mailer's own wording might read; the examples teach variants of the first six.
    private static readonly string[] Unruled =
    [
        "smtp; 550 Recipient {0} was frobnicated by the quux daemon on {1}",
        "smtp; 554 The wibble queue for {0} wobbled over at {1}, message dropped",
        "X-Postfix; conversation with {1} ended: the far end said the recipient {0} has been retired from service",
        "smtp; 550 Sorry, {0} asked us to stop accepting anything from your organisation ({1})",
        "smtp; 554 Envelope of the message to {0} looked odd to the gatekeeper at {1} and was turned away",
        "smtp; 550 Our archiving appliance {1} would not take the message for {0} today",
        "smtp; 550 The owl that delivers post to {0} could not find the tree near {1}",
        "smtp; 554 {1} says the parcel for {0} is not something this household takes",
        "smtp; 550 The lighthouse keeper at {1} sent the note for {0} back across the bay",
        "smtp; 554 Message for {0} held by the cooperative's committee at {1}",
    ];

    private BounceRecord[] _records = [];
    private BounceRecord[] _unruled = [];
    private BounceClassifier _classifier = BounceClassifier.Default;
    private BounceClassifier _taught = BounceClassifier.Default;
    private BounceExample[] _examples = [];

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new BounceClassifier();
        _records = [.. Enumerable.Range(0, Records).Select(i =>
        {
            var (status, reply, mta, email) = Typical[i % Typical.Length];
            return new BounceRecord
            {
                UndeliveredLogId = i + 1,
                Status = EnhancedStatusCode.Parse(status),
                ServerReply = reply,
                RemoteMta = mta,
                Email = email,
                RecipientStatus = status.StartsWith('4') ? RecipientStatus.Temporary : RecipientStatus.Permanent,
            };
        })];

        // 240 examples: twelve spellings (address, host, number) of each of twenty labelled replies.
        var reasons = new[] { BounceReason.Suspend, BounceReason.SystemError, BounceReason.HasMoved, BounceReason.Rejected, BounceReason.PolicyViolation, BounceReason.MailerError };
        var examples = new List<BounceExample>();
        for (var i = 0; i < 20; i++)
        {
            for (var v = 0; v < 12; v++)
            {
                var reply = i < 6 ? Unruled[i] : $"smtp; 550 Example {i} wording number {{0}} variant {Word(i)} {Word(i + 7)} {Word(i + 13)} seen at {{1}}";
                examples.Add(new BounceExample(Fill(reply, v), reasons[i % reasons.Length]));
            }
        }

        _examples = [.. examples];
        _taught = new BounceClassifier(new BounceClassifierOptions { Examples = _examples });
        _unruled = [.. Enumerable.Range(0, Records).Select(i => new BounceRecord
        {
            UndeliveredLogId = i + 1,
            Status = EnhancedStatusCode.Parse("5.0.0"),
            ServerReply = Fill(Unruled[i % Unruled.Length], 100 + i),
            RemoteMta = "dns; mx.example.org",
            Email = "someone@example.org",
            RecipientStatus = RecipientStatus.Permanent,
        })];
        foreach (var record in _unruled)
        {
            if (_classifier.Classify(record).Reason != BounceReason.Undetermined)
            {
                throw new InvalidOperationException($"A rule decides '{record.ServerReply}', so it would not measure the examples.");
            }
        }

        if (CountDecided(_taught) != Records * 6 / 10)
        {
            throw new InvalidOperationException($"The examples decide {CountDecided(_taught)} of the {Records} records, not the six in ten the benchmark describes.");
        }

        static string Fill(string reply, int variant) => string.Format(
            System.Globalization.CultureInfo.InvariantCulture, reply, $"user{variant}@example{variant % 5}.cz", $"mx{variant}.example.net [192.0.2.{variant % 250}]");

        static string Word(int i) => new[] { "amber", "basalt", "cobalt", "dune", "ember", "fjord", "garnet", "heath", "iris", "jasper", "kelp", "loam", "moss", "nectar", "onyx", "pumice", "quartz", "rye", "slate", "tundra" }[i % 20];
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int ClassifyRecord()
    {
        var hard = 0;
        foreach (var record in _records)
        {
            hard += _classifier.Classify(record).IsHardBounce ? 1 : 0;
        }

        return hard;
    }

    /// <summary>The same typical records with 240 examples given: a rule decides each, so the examples cost nothing.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int ClassifyRecordWithExamples()
    {
        var hard = 0;
        foreach (var record in _records)
        {
            hard += _taught.Classify(record).IsHardBounce ? 1 : 0;
        }

        return hard;
    }

    /// <summary>Records no rule decides, without examples: the rules' cost of saying "undetermined".</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int ClassifyUnruledRecord() => CountDecided(_classifier);

    /// <summary>Records no rule decides, with 240 examples: six in ten are near an example, four in ten stay undetermined.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int ClassifyUnruledRecordWithExamples() => CountDecided(_taught);

    [Benchmark]
    public BounceClassifier BuildClassifier() => new();

    /// <summary>The built-in rules and an index of the 240 examples.</summary>
    [Benchmark]
    public BounceClassifier BuildClassifierWithExamples() => new(new BounceClassifierOptions { Examples = _examples });

    private int CountDecided(BounceClassifier classifier)
    {
        var decided = 0;
        foreach (var record in _unruled)
        {
            decided += classifier.Classify(record).Reason != BounceReason.Undetermined ? 1 : 0;
        }

        return decided;
    }
}
