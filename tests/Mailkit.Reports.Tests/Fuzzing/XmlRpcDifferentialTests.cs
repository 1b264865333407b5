using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mailkit.Reports.Models;
using Mailkit.Reports.Transport;
using Xunit.Abstractions;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>
/// Differential test of the XML-RPC decoder: valid and mutated responses are decoded by the SDK, at random read sizes, and
/// by <see cref="XmlRpcReference"/> (XmlReader plus the XML-RPC grammar); both must accept or refuse the same bodies, and
/// yield the same records when they accept.
/// </summary>
/// <remarks>
/// Reproduce a case with <c>MAILKIT_FUZZ_SEED</c> (the run's seed); the failure message prints each disagreeing body
/// escaped, so it can also be pasted into a unit test.
/// </remarks>
public class XmlRpcDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadBounceRecordsAsync_XmlRpc_AgreesWithXmlReaderOnGeneratedAndMutatedResponses()
    {
        var seed = FuzzSettings.Seed;
        var cases = FuzzSettings.Cases;
        var log = new DisagreementLog("XML-RPC differential", seed, cases);
        var clock = Stopwatch.StartNew();
        int accepted = 0, refused = 0, mutated = 0;
        foreach (var index in FuzzSettings.Indexes())
        {
            var caseSeed = FuzzSettings.CaseSeed(seed, index);
            var body = new XmlRpcCorpus(new Random(caseSeed)).Next(out var isMutated);
            mutated += isMutated ? 1 : 0;
            var (category, detail, reference) = await CompareAsync(body, caseSeed);
            if (reference is ReferenceRecords)
            {
                accepted++;
            }
            else
            {
                refused++;
            }

            if (category is not null)
            {
                log.Add(category, index, body, detail!);
            }
        }

        await ShrinkAsync(log);
        output.WriteLine($"{cases} cases ({mutated} mutated; the reference accepted {accepted}, refused {refused}) in {clock.Elapsed.TotalSeconds:0.0} s; {log.Count} disagreement(s).");
        if (log.Count > 0)
        {
            output.WriteLine(log.Report());
        }

        Assert.True(log.Count == 0, log.Report());
    }

    [Fact]
    public async Task XmlRpcReference_MailkitsExampleAndANestedExtra_GivesTheSdksRecords()
    {
        var example = Encoding.UTF8.GetBytes(TestSupport.Fixture("raw-bounces-response.xml"));
        var nested = Encoding.UTF8.GetBytes(
            "<methodResponse><params><param><value><struct><member><name>0</name><value><struct>"
            + "<member><name>ID_UNDELIVERED_LOG</name><value><i4>7</i4></value></member>"
            + "<member><name>TAGS</name><value><array><data><value>a &amp; <![CDATA[b]]></value><!-- c --></data></array></value></member>"
            + "</struct></value></member></struct></value></param></params></methodResponse>");

        foreach (var body in new[] { example, nested })
        {
            var reference = Assert.IsType<ReferenceRecords>(XmlRpcReference.Decode(body));
            var sdk = await FuzzRunner.DecodeAsync(MailkitTransport.XmlRpc, body, chunkSeed: 1);

            Assert.True(sdk.Accepted, sdk.Describe());
            Assert.NotEmpty(reference.Records);
            Assert.Equal((null as string, null as string), CompareRecords(reference, sdk.Records));
        }

        var changed = XmlRpcReference.Decode(example) as ReferenceRecords;
        changed!.Records[0] = changed.Records[0] with { Email = "other@example.com" };
        Assert.Equal("record values differ (EMAIL)", CompareRecords(changed, (await FuzzRunner.DecodeAsync(MailkitTransport.XmlRpc, example, 1)).Records).Category);
        Assert.Equal("<array><data><value>a &amp; b</value></data></array>", ((ReferenceRecords)XmlRpcReference.Decode(nested)).Records[0].ExtraFields["TAGS"]);
    }

    /// <summary>Decodes a body both ways; returns the category and details of a disagreement, or nulls when both agree.</summary>
    internal static async Task<(string? Category, string? Detail, ReferenceOutcome Reference)> CompareAsync(byte[] body, int chunkSeed)
    {
        var reference = XmlRpcReference.Decode(body);
        var sdk = await FuzzRunner.DecodeAsync(MailkitTransport.XmlRpc, body, chunkSeed);
        var (category, detail) = Judge(sdk, reference);
        if (category is null)
        {
            return (null, null, reference);
        }

        // Say whether the read sizes matter: a disagreement that only a split body shows is a streaming bug.
        var whole = await FuzzRunner.DecodeAsync(MailkitTransport.XmlRpc, body, chunkSeed, wholeReads: true);
        if (Judge(whole, reference).Category is null)
        {
            category = "only at these read sizes: " + category;
        }

        return (category, $"SDK: {sdk.Describe()}\nreference: {Describe(reference)}{(detail is null ? string.Empty : "\n" + detail)}\nchunk seed: {chunkSeed}", reference);
    }

    private static (string? Category, string? Detail) Judge(SdkOutcome sdk, ReferenceOutcome reference)
    {
        if (sdk.TimedOut)
        {
            return ("the SDK did not finish in time", null);
        }

        if (sdk.Error is not null and not MailkitException)
        {
            return ($"the SDK threw {sdk.Error.GetType().Name}, not a MailkitException", sdk.Error.ToString());
        }

        switch (reference)
        {
            case ReferenceRecords expected when sdk.Accepted:
                return CompareRecords(expected, sdk.Records);
            case ReferenceRecords:
                return ($"SDK refuses what the reference accepts: {SdkCategory(sdk.Error!)}", null);
            case ReferenceApiError expected when sdk.Error is MailkitApiException api:
                return api.ErrorCode == expected.Code && api.ApiMessage == expected.Message
                    ? (null, null)
                    : ("the API error's code or message differs", null);
            case ReferenceApiError:
                return (sdk.Accepted ? "SDK accepts a body that is an API error" : $"SDK reports a protocol error for an API error: {SdkCategory(sdk.Error!)}", null);
            case ReferenceRefusal refusal when sdk.Accepted:
                return ($"SDK accepts what the reference refuses: {refusal.Rule}", null);
            default:
                // Both refuse, whatever the exception: the body is not a valid XML-RPC document, so it is an error either way.
                // The SDK reports an API error as soon as it meets one (the <value> where the records should be) without
                // reading on, so a body that breaks XML or the grammar further on may come out as that API error rather than
                // as a protocol error. A valid error document is checked above: same code, same message.
                return (null, null);
        }
    }

    private static (string? Category, string? Detail) CompareRecords(ReferenceRecords expected, List<BounceRecord> actual)
    {
        if (expected.Records.Count != actual.Count)
        {
            return ("the SDK yields another number of records", $"records: SDK {actual.Count}, reference {expected.Records.Count}");
        }

        for (var i = 0; i < actual.Count; i++)
        {
            var (want, got) = (expected.Records[i], actual[i]);
            var differences = new List<string>();
            void Check<T>(string name, T left, T right)
            {
                if (!EqualityComparer<T>.Default.Equals(left, right))
                {
                    differences.Add($"{name}: SDK \"{FuzzText.Escape(Convert.ToString(left, CultureInfo.InvariantCulture) ?? "null")}\", reference \"{FuzzText.Escape(Convert.ToString(right, CultureInfo.InvariantCulture) ?? "null")}\"");
                }
            }

            Check(BounceFieldNames.UndeliveredLogId, got.UndeliveredLogId, want.UndeliveredLogId);
            Check(BounceFieldNames.CampaignId, got.CampaignId, want.CampaignId);
            Check(BounceFieldNames.SendId, got.SendId, want.SendId);
            Check(BounceFieldNames.SendMessageId, got.SendMessageId, want.SendMessageId);
            Check(BounceFieldNames.RecipientId, got.RecipientId, want.RecipientId);
            Check(BounceFieldNames.MailingListId, got.MailingListId, want.MailingListId);
            Check(BounceFieldNames.Email, got.Email, want.Email);
            Check(BounceFieldNames.Status, got.Status?.Text, want.Status?.Text);
            Check("STATUS (parsed)", got.Status, want.Status);
            Check(BounceFieldNames.ServerReply, got.ServerReply, want.ServerReply);
            Check(BounceFieldNames.RemoteMta, got.RemoteMta, want.RemoteMta);
            Check(BounceFieldNames.RecipientStatus, got.RecipientStatusText, want.RecipientStatusText);
            Check("RecipientStatus", got.RecipientStatus, want.RecipientStatus);
            Check("extra keys", string.Join(",", got.ExtraFields.Keys.Order(StringComparer.Ordinal)), string.Join(",", want.ExtraFields.Keys.Order(StringComparer.Ordinal)));
            foreach (var (key, value) in want.ExtraFields)
            {
                if (got.ExtraFields.TryGetValue(key, out var sdkValue))
                {
                    Check($"extra {key}", expected.NestedKeys[i].Contains(key) ? XmlRpcReference.CanonicalMarkup(sdkValue) : sdkValue, value);
                }
            }

            if (differences.Count > 0)
            {
                var field = differences[0][..differences[0].IndexOf(':', StringComparison.Ordinal)];
                return ($"record values differ ({(field.StartsWith("extra ", StringComparison.Ordinal) ? "an extra field" : field)})", $"record {i}: " + string.Join("; ", differences));
            }
        }

        return (null, null);
    }

    private static string SdkCategory(Exception error) => error switch
    {
        MailkitApiException => "an API error",
        MailkitProtocolException protocol => FuzzText.Category(ProblemOf(protocol.Message)),
        _ => FuzzText.Category(error.Message),
    };

    /// <summary>The problem a protocol error names, without the function, the status and the excerpt.</summary>
    private static string ProblemOf(string message)
    {
        var start = message.IndexOf("sends: ", StringComparison.Ordinal);
        var text = start < 0 ? message : message[(start + 7)..];
        var records = text.IndexOf("records: ", StringComparison.Ordinal);
        text = records < 0 ? text : text[(records + 9)..];
        var excerpt = text.IndexOf(" At byte", StringComparison.Ordinal);
        return excerpt < 0 ? text : text[..excerpt];
    }

    private static string Describe(ReferenceOutcome reference) => reference switch
    {
        ReferenceRecords records => $"accepts {records.Records.Count} record(s)",
        ReferenceApiError api => $"API error (code {api.Code}): \"{FuzzText.Escape(api.Message)}\"",
        ReferenceRefusal refusal => $"refuses ({(refusal.WellFormed ? "well-formed XML" : "not well-formed")}): {refusal.Rule}",
        _ => reference.ToString()!,
    };

    /// <summary>The byte ranges of the elements of a body, largest first: each start tag with its matching end tag, by name.</summary>
    private static IEnumerable<(int Start, int End)> ElementRanges(byte[] body)
    {
        var text = Encoding.Latin1.GetString(body);
        var ranges = new List<(int, int)>();
        var tags = System.Text.RegularExpressions.Regex.Matches(text, @"<(/?)([A-Za-z_][^\s/>]*)[^>]*?(/?)>");
        var open = new Stack<(string Name, int Start)>();
        foreach (System.Text.RegularExpressions.Match tag in tags)
        {
            var name = tag.Groups[2].Value;
            if (tag.Groups[3].Value == "/")
            {
                ranges.Add((tag.Index, tag.Index + tag.Length));
            }
            else if (tag.Groups[1].Value != "/")
            {
                open.Push((name, tag.Index));
            }
            else if (open.Count > 0 && open.Peek().Name == name)
            {
                ranges.Add((open.Pop().Start, tag.Index + tag.Length));
            }
        }

        return ranges.OrderByDescending(r => r.Item2 - r.Item1);
    }

    /// <summary>Byte ranges of halving sizes, down to single bytes.</summary>
    private static IEnumerable<(int Start, int End)> ByteRanges(int length)
    {
        for (var size = Math.Max(1, length / 2); size >= 1; size /= 2)
        {
            for (var at = 0; at + size <= length; at += size)
            {
                yield return (at, at + size);
            }
        }
    }

    /// <summary>Shrinks each category's smallest body, byte ranges at a time, while it still shows the same category.</summary>
    private static async Task ShrinkAsync(DisagreementLog log)
    {
        foreach (var (category, (_, index, body, _)) in log.Categories.ToList())
        {
            var chunkSeed = FuzzSettings.CaseSeed(FuzzSettings.Seed, index);
            var current = body;
            var budget = 3000;
            var changed = true;
            while (changed && budget > 0)
            {
                changed = false;

                // Whole elements first (a start tag to its end tag), which keeps a body well-formed, then byte ranges.
                foreach (var (start, end) in ElementRanges(current).Concat(ByteRanges(current.Length)))
                {
                    if (budget-- <= 0 || end > current.Length)
                    {
                        break;
                    }

                    var candidate = current[..start].Concat(current[end..]).ToArray();
                    if ((await CompareAsync(candidate, chunkSeed)).Category == category)
                    {
                        current = candidate;
                        changed = true;
                        break;
                    }
                }
            }

            var (_, detail, _) = await CompareAsync(current, chunkSeed);
            log.Replace(category, current, "(shrunk) " + detail);
        }
    }
}
