using BenchmarkDotNet.Attributes;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Benchmarks;

/// <summary>The bounce classifier over a mix of typical replies: one operation classifies 1 000 records.</summary>
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

    private BounceRecord[] _records = [];
    private BounceClassifier _classifier = BounceClassifier.Default;

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

    [Benchmark]
    public BounceClassifier BuildClassifier() => new();
}
