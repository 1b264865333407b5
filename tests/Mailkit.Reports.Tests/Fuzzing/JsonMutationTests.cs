using System.Diagnostics;
using Mailkit.Reports.Transport;
using Xunit.Abstractions;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>
/// Mutation test of the JSON decoder: valid Mailkit pages, most of them mutated, decoded at random read sizes and whole.
/// Every outcome must be records or a <see cref="MailkitException"/>, within the time-out; the read sizes must not change
/// the outcome; an unmutated page must decode to what it holds.
/// </summary>
public class JsonMutationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadBounceRecordsAsync_Json_MutatedPagesGiveRecordsOrAMailkitExceptionInTime()
    {
        var seed = FuzzSettings.Seed;
        var cases = FuzzSettings.Cases;
        var log = new DisagreementLog("JSON mutation", seed, cases);
        var clock = Stopwatch.StartNew();
        int accepted = 0, refused = 0;
        foreach (var index in FuzzSettings.Indexes())
        {
            var caseSeed = FuzzSettings.CaseSeed(seed, index);
            var body = new JsonCorpus(new Random(caseSeed)).Next(out var expected);
            var (category, detail, accepts) = await CheckAsync(body, caseSeed, expected);
            accepted += accepts ? 1 : 0;
            refused += accepts ? 0 : 1;
            if (category is not null)
            {
                log.Add(category, index, body, detail!);
            }
        }

        output.WriteLine($"{cases} cases (the SDK accepted {accepted}, refused {refused}) in {clock.Elapsed.TotalSeconds:0.0} s; {log.Count} problem(s).");
        if (log.Count > 0)
        {
            output.WriteLine(log.Report());
        }

        Assert.True(log.Count == 0, log.Report());
    }

    private static async Task<(string? Category, string? Detail, bool Accepted)> CheckAsync(byte[] body, int chunkSeed, JsonExpectation? expected)
    {
        var chunked = await FuzzRunner.DecodeAsync(MailkitTransport.Json, body, chunkSeed);
        var whole = await FuzzRunner.DecodeAsync(MailkitTransport.Json, body, chunkSeed, wholeReads: true);
        var detail = $"SDK at random read sizes: {chunked.Describe()}\nSDK in one read: {whole.Describe()}\nchunk seed: {chunkSeed}";
        foreach (var outcome in new[] { chunked, whole })
        {
            if (outcome.TimedOut)
            {
                return ("the SDK did not finish in time (a hang or a quadratic path)", detail, false);
            }

            if (outcome.Error is not null and not MailkitException)
            {
                return ($"the SDK threw {outcome.Error.GetType().Name}, not a MailkitException", detail + "\n" + outcome.Error, false);
            }
        }

        if (chunked.Accepted != whole.Accepted
            || (chunked.Accepted && !chunked.Records.SequenceEqual(whole.Records))
            || (!chunked.Accepted && chunked.Error!.GetType() != whole.Error!.GetType()))
        {
            return ($"the read sizes change the outcome: {Kind(chunked)} in pieces, {Kind(whole)} in one read", detail, whole.Accepted);
        }

        if (expected is not null)
        {
            if (expected.Records is { } records)
            {
                if (!whole.Accepted || !whole.Records.SequenceEqual(records))
                {
                    return ("a valid page does not decode to the records it holds", detail + $"\nexpected {records.Count} record(s)", whole.Accepted);
                }
            }
            else if (whole.Error is not MailkitApiException api || api.ErrorCode != expected.ErrorCode || api.ApiMessage != expected.ErrorMessage)
            {
                return ("an error page does not give its API error", detail + $"\nexpected code {expected.ErrorCode}: {expected.ErrorMessage}", whole.Accepted);
            }
        }

        return (null, null, whole.Accepted);
    }

    private static string Kind(SdkOutcome outcome) => outcome.Error?.GetType().Name ?? "records";
}
