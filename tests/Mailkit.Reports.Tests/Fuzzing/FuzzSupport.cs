using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mailkit.Reports.Models;
using Mailkit.Reports.Tests.TestDoubles;
using Mailkit.Reports.Transport;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>
/// The knobs of the fuzzers: a fixed seed and a bounded count by default, so that a run is reproducible and quick;
/// <c>MAILKIT_FUZZ_CASES</c> and <c>MAILKIT_FUZZ_SEED</c> run them longer or with another seed.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultCases = 10_000;
    public const int DefaultSeed = 20_261_128;

    /// <summary>The longest one case may take before it counts as a hang.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    public static int Cases => ReadInt("MAILKIT_FUZZ_CASES", DefaultCases);

    public static int Seed => ReadInt("MAILKIT_FUZZ_SEED", DefaultSeed);

    /// <summary>The cases to run: all of them, or only the one <c>MAILKIT_FUZZ_CASE</c> names, to reproduce it.</summary>
    public static IEnumerable<int> Indexes() =>
        int.TryParse(Environment.GetEnvironmentVariable("MAILKIT_FUZZ_CASE"), NumberStyles.None, CultureInfo.InvariantCulture, out var only)
            ? [only]
            : Enumerable.Range(0, Cases);

    /// <summary>The seed of one case, derived from the run's seed and the case's index so that any case can be rerun alone.</summary>
    public static int CaseSeed(int seed, int index) => unchecked((int)Mix(((ulong)(uint)seed << 32) | (uint)index));

    private static int ReadInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;

    /// <summary>SplitMix64's finaliser: spreads neighbouring indexes over unrelated seeds.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>What the SDK did with one body: the records it yielded, and how it ended.</summary>
internal sealed record SdkOutcome(List<BounceRecord> Records, Exception? Error, bool TimedOut)
{
    public bool Accepted => Error is null && !TimedOut;

    public string Describe()
    {
        if (TimedOut)
        {
            return $"no answer within {FuzzSettings.CaseTimeout.TotalSeconds:0} s (a hang or a quadratic path)";
        }

        return Error switch
        {
            null => $"accepted {Records.Count} record(s)",
            MailkitApiException api => $"{api.GetType().Name} (code {api.ErrorCode}): \"{FuzzText.Escape(api.ApiMessage)}\"",
            _ => $"{Error.GetType().Name}: {FuzzText.Escape(Error.Message)}",
        };
    }
}

internal static class FuzzRunner
{
    /// <summary>Decodes a body with a transport at random read sizes, on the thread pool so that a hang is caught by the time-out.</summary>
    public static async Task<SdkOutcome> DecodeAsync(MailkitTransport transport, byte[] body, int chunkSeed, bool wholeReads = false)
    {
        var records = new List<BounceRecord>();
        using var cancel = new CancellationTokenSource();
        var work = Task.Run(async () =>
        {
            var context = new MailkitResponseContext(MailkitFunctionCall.RawBouncesFunction, HttpStatusCode.OK);
            Stream stream = wholeReads ? new ScriptedStream(body) : new ScriptedStream(body, ScriptedStream.RandomReads(chunkSeed));
            try
            {
                await foreach (var record in transport.ReadBounceRecordsAsync(stream, context, cancel.Token).ConfigureAwait(false))
                {
                    records.Add(record);
                }

                return (Exception?)null;
            }
#pragma warning disable CA1031 // Every exception is an outcome to compare: the test fails on the types it must not see.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ex;
            }
        });
        try
        {
            var error = await work.WaitAsync(FuzzSettings.CaseTimeout).ConfigureAwait(false);
            return new SdkOutcome(records, error, TimedOut: false);
        }
        catch (TimeoutException)
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            return new SdkOutcome([], null, TimedOut: true);
        }
    }
}

/// <summary>Escaping and grouping of texts for failure messages.</summary>
internal static partial class FuzzText
{
    /// <summary>A body as a C#-style literal: printable ASCII as is, everything else escaped, invalid UTF-8 as <c>\xNN</c>.</summary>
    public static string Escape(byte[] body)
    {
        var text = new StringBuilder(body.Length + 16);
        var i = 0;
        while (i < body.Length)
        {
            if (Rune.DecodeFromUtf8(body.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                AppendRune(text, rune);
                i += consumed;
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{body[i]:X2}");
                i++;
            }
        }

        return text.ToString();
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            AppendRune(builder, rune);
        }

        return builder.ToString();
    }

    /// <summary>Turns a message into a category: specific characters, numbers and quoted values replaced, line positions dropped.</summary>
    public static string Category(string message)
    {
        var text = LinePosition().Replace(message, string.Empty);
        text = Quoted().Replace(text, "'…'");
        text = DoubleQuoted().Replace(text, "\"…\"");
        text = Hex().Replace(text, "0x…");
        text = Digits().Replace(text, "#");
        text = Element().Replace(text, "<…>");
        return text.Length > 140 ? text[..140] + "…" : text.Trim();
    }

    private static void AppendRune(StringBuilder text, Rune rune)
    {
        if (rune.Value < 0x80)
        {
            AppendChar(text, (char)rune.Value);
        }
        else if (rune.Value is 0xFEFF or 0xFFFE or 0xFFFF or 0x85 or 0x2028 or 0x2029 || Rune.IsControl(rune) || rune.Value >= 0xE000 && rune.Value < 0xF900)
        {
            text.Append(rune.IsBmp ? "\\u" : "\\U").Append(rune.Value.ToString(rune.IsBmp ? "X4" : "X8", CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append(rune.ToString());
        }
    }

    private static void AppendChar(StringBuilder text, char ch)
    {
        switch (ch)
        {
            case '\\': text.Append("\\\\"); break;
            case '\r': text.Append("\\r"); break;
            case '\n': text.Append("\\n"); break;
            case '\t': text.Append("\\t"); break;
            case '\0': text.Append("\\0"); break;
            case < ' ' or '\x7F': text.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:X2}"); break;
            default: text.Append(ch); break;
        }
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?")]
    private static partial Regex LinePosition();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"0x[0-9A-Fa-f]+")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"</?[^<>\s]{1,40}>")]
    private static partial Regex Element();
}

/// <summary>
/// Collects the disagreements of a run by category: every category is counted and keeps its shortest body, and the first
/// <see cref="MaxListed"/> cases are kept whole, so that one failing test shows all of them at once.
/// </summary>
internal sealed class DisagreementLog(string name, int seed, int cases)
{
    public const int MaxListed = 20;

    private readonly object _gate = new();
    private readonly List<string> _listed = [];
    private readonly SortedDictionary<string, (int Count, int Index, byte[] Body, string Detail)> _categories = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public IReadOnlyDictionary<string, (int Count, int Index, byte[] Body, string Detail)> Categories => _categories;

    public void Add(string category, int index, byte[] body, string detail)
    {
        lock (_gate)
        {
            Count++;
            if (_listed.Count < MaxListed)
            {
                _listed.Add($"#{index} [{category}]\n    body: \"{FuzzText.Escape(body)}\"\n    {detail.Replace("\n", "\n    ", StringComparison.Ordinal)}");
            }

            if (!_categories.TryGetValue(category, out var seen))
            {
                _categories[category] = (1, index, body, detail);
            }
            else
            {
                _categories[category] = body.Length < seen.Body.Length ? (seen.Count + 1, index, body, detail) : seen with { Count = seen.Count + 1 };
            }
        }
    }

    public void Replace(string category, byte[] body, string detail)
    {
        lock (_gate)
        {
            var seen = _categories[category];
            _categories[category] = seen with { Body = body, Detail = detail };
        }
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {Count} of {cases} case(s) disagree, in {_categories.Count} categor{(_categories.Count == 1 ? "y" : "ies")} (seed {seed}; rerun with MAILKIT_FUZZ_SEED={seed} MAILKIT_FUZZ_CASES={cases}, or one case with MAILKIT_FUZZ_SEED={seed} MAILKIT_FUZZ_CASE=<#>).");
        text.AppendLine("Categories (count, smallest reproducer found):");
        foreach (var (category, (count, index, body, detail)) in _categories)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - [{category}] ×{count}, e.g. case #{index}:");
            text.AppendLine(CultureInfo.InvariantCulture, $"      body: \"{FuzzText.Escape(body)}\"");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {detail.Replace("\n", "\n      ", StringComparison.Ordinal)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"The first {_listed.Count} case(s):");
        foreach (var line in _listed)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}
