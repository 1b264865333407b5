using System.Text;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>
/// Random and mutated replies, statuses, remote MTAs and addresses through the bounce classifier: it never throws, and
/// every verdict keeps the classifier's promises (a temporary failure is never hard; a rule decided or nothing did).
/// Seeded and bounded (<see cref="FuzzSettings"/>), so every run is the same.
/// </summary>
public sealed class ClassifierFuzzTests
{
    private static readonly string[] Replies =
    [
        "smtp; 550 5.1.1 <jan@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
        "smtp; 450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered.",
        "smtp; 552 5.2.2 Schránka je plná",
        "smtp; 554-gmx.net (mxgmx016) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record.",
        "X-Postfix; Host or domain name not found. Name service error for name=example.cz type=MX: Host not found",
        "smtp; 550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
        "smtp; 421 4.7.0 Try again later",
        "smtp; 550 5.1.1 User unknown (in reply to end of DATA command)",
        "smtp; 552 5.2.2 Postfach voll / Benutzer hat das Speichervolumen ueberschritten",
        string.Empty,
    ];

    private static readonly string[] Statuses = ["5.1.1", "4.2.2", "5.0.0", "4.0.0", "5.7.26", "2.0.0", "5.", "x.1.1", "9.9.9", "5.1.1000", string.Empty];

    private static readonly string[] Hosts = ["dns; mx1.seznam.cz", "mx.example.cz [192.0.2.1]", "gmail-smtp-in.l.google.com.", "[192.0.2.1]", ";", "dns;", string.Empty];

    private static readonly string Alphabet =
        "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .-;:@[]()<>'\"*\t\r\n#=/\\áčďéěíňóřšťúůýžäöüßẞłśćęążź\u0301\u0300\u200b\u00a0日本Ж\ud800\udc00\ud83d\ude00";

    [Fact]
    public void Classify_RandomAndMutatedRecords_NeverThrowsAndKeepsItsPromises()
    {
        var seed = FuzzSettings.Seed;
        var failures = new List<string>();
        var cases = 0;
        foreach (var index in FuzzSettings.Indexes())
        {
            var random = new Random(FuzzSettings.CaseSeed(seed, index));
            var status = random.Next(3) == 0 ? RandomText(random, 12) : Statuses[random.Next(Statuses.Length)];
            var reply = Mutate(random, Replies[random.Next(Replies.Length)]);
            var mta = random.Next(2) == 0 ? RandomText(random, 80) : Mutate(random, Hosts[random.Next(Hosts.Length)]);
            var email = random.Next(2) == 0 ? RandomText(random, 40) : Mutate(random, "jan@mx1.seznam.cz");
            var recipient = random.Next(3) switch { 0 => "temporary", 1 => "permanent", _ => RandomText(random, 5) };
            cases++;
            try
            {
                var verdict = BounceClassifier.Default.Classify(status, reply, mta, email, random.Next(4) == 0 ? "bad-mailbox" : null, recipient);
                var temporaryStatus = EnhancedStatusCode.TryParse(status, out var code) && code.IsValid && code.Class == 4;
                if (verdict.IsHardBounce && (recipient == "temporary" || temporaryStatus))
                {
                    failures.Add($"case {index}: hard on a temporary failure ({verdict})");
                }

                if ((verdict.Reason == BounceReason.Undetermined) != (verdict.RuleId.Length == 0) || !Enum.IsDefined(verdict.Reason))
                {
                    failures.Add($"case {index}: verdict without a rule or rule without a verdict ({verdict})");
                }
            }
            catch (Exception error)
            {
                failures.Add($"case {index}: {error.GetType().Name}: {error.Message}");
            }
        }

        Assert.True(cases >= Math.Min(FuzzSettings.Cases, FuzzSettings.DefaultCases), $"{cases} cases");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures, for example {string.Join("\n", failures.Take(5))}");
    }

    private static string RandomText(Random random, int maxLength)
    {
        var text = new StringBuilder();
        var length = random.Next(maxLength + 1);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Inserts, deletes, repeats and splices: random characters, continuation markers, a lone surrogate.</summary>
    private static string Mutate(Random random, string text)
    {
        var value = new StringBuilder(text);
        var edits = random.Next(6);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(value.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    value.Insert(at, RandomText(random, 8));
                    break;
                case 1 when value.Length > 0:
                    var length = Math.Min(random.Next(1, 10), value.Length - Math.Min(at, value.Length - 1));
                    value.Remove(Math.Min(at, value.Length - 1), length);
                    break;
                case 2:
                    value.Insert(at, random.Next(2) == 0 ? " 550-5.7.26 " : "554-");
                    break;
                case 3 when value.Length > 0:
                    var start = random.Next(value.Length);
                    var run = value.ToString(start, Math.Min(random.Next(1, 30), value.Length - start));
                    value.Insert(at, string.Concat(Enumerable.Repeat(run, random.Next(1, 20))));
                    break;
                case 4:
                    value.Insert(at, random.Next(2) == 0 ? '\ud800' : '\udfff');
                    break;
                default:
                    value.Insert(at, Replies[random.Next(Replies.Length)]);
                    break;
            }
        }

        return value.ToString();
    }
}
