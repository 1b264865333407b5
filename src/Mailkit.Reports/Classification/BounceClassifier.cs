using Mailkit.Reports.Models;

namespace Mailkit.Reports.Classification;

/// <summary>
/// Tells why a message bounced, whether the bounce is hard, and what to do, from what a Mailkit record holds.
/// </summary>
/// <remarks>
/// <para>
/// The rules are data: the built-in ones ship in the assembly, versioned with the package, each with an ID and a cited
/// source. The first rule whose conditions all hold decides, trying the evidence in this order (the classification
/// article's precedence table):
/// </para>
/// <list type="number">
/// <item><description>the caller's rules (<see cref="BounceClassifierOptions.Rules"/>), always first;</description></item>
/// <item><description>provider rules: a host condition on the remote MTA or the recipient's domain, or a wording only one provider uses;</description></item>
/// <item><description>specific phrases, which name what failed and how ("mailbox full", "blocked using"): they beat the
/// status, because the reply's words are more precise than a code servers reuse;</description></item>
/// <item><description>the enhanced status code's subject and detail, from the IANA registry (codes that carry many
/// reasons, such as x.0.0 and x.7.1, have no rule);</description></item>
/// <item><description>concepts combined within one clause of the reply, in English, Czech, Slovak, German, Polish and
/// French: an object ("schránka", "domain", "sender") and its state ("plná", "does not exist"), whatever the inflection,
/// word order or diacritics; a domain or a sender that does not exist also overrules a phrase that names the
/// recipient;</description></item>
/// <item><description>generic phrases ("listed in", "access denied", "existiert nicht"): they decide only when no status rule does;</description></item>
/// <item><description>the SMTP reply code, only the codes with a single meaning (no 452, 551 or 552: a wrong reason is worse than none);</description></item>
/// <item><description>Mailkit's own category (<c>BOUNCE_CAT</c>);</description></item>
/// <item><description>the most similar labelled examples (<see cref="BounceClassifierOptions.Examples"/>), if the caller gave any;</description></item>
/// <item><description>nothing: <see cref="BounceReason.Undetermined"/>, advice to retry.</description></item>
/// </list>
/// <para>
/// Hardness is decided apart from the reason: a bounce is hard only for a hard reason and when nothing in the record
/// is temporary. A 4.x.x status (the record's or the reply's), a 4xx final reply code or a <c>temporary</c>
/// <c>RECIPIENT_STATUS</c> makes every verdict soft, provider rules included. A reply that names the recipient unknown
/// only after DATA is <see cref="BounceReason.Filtered"/>, because the address was accepted at RCPT.
/// </para>
/// <para>
/// An instance is immutable and safe to share between threads. <see cref="Classify(BounceRecord)"/> allocates only the
/// result, and its work grows linearly with the record's size.
/// </para>
/// </remarks>
public sealed class BounceClassifier
{
    private const int MaxStackHosts = 16;
    private const int MaxStackWords = 16;

    private readonly RuleSet _rules;
    private readonly ExampleIndex? _examples;

    /// <summary>Initializes a classifier with the built-in rules only.</summary>
    public BounceClassifier()
        : this(new BounceClassifierOptions())
    {
    }

    /// <summary>Initializes a classifier with the caller's rules before the built-in ones.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A rule or an example is null or invalid; the message names the rule or the example's index, and the problem.
    /// </exception>
    public BounceClassifier(BounceClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (RuleSet.Problem(rule, ids) is { } problem)
            {
                throw new ArgumentException($"The classification rule '{rule?.Id ?? $"at index {i}"}' is invalid: {problem}.", nameof(options));
            }
        }

        _rules = new RuleSet(
            options.Rules,
            options.UseBuiltInRules ? RuleFileReader.BuiltIn : [],
            options.UseBuiltInRules ? ConceptLexicon.BuiltIn : null);
        _examples = ExampleIndex.Create(options.Examples, nameof(options));
    }

    /// <summary>Gets a shared classifier with the built-in rules.</summary>
    public static BounceClassifier Default { get; } = new();

    /// <summary>Gets the number of rules, the caller's and the built-in ones.</summary>
    public int RuleCount => _rules.Rules.Length;

    /// <summary>Classifies a bounce record.</summary>
    /// <param name="record">The record; its status, reply, remote MTA, address, recipient status and <c>BOUNCE_CAT</c> are read.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public BounceClassification Classify(BounceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.ExtraFields.TryGetValue(BounceFieldNames.BounceCategory, out var category);
        return Classify(record.Status, record.ServerReply, record.RemoteMta, record.Email, category, record.RecipientStatus);
    }

    /// <summary>Classifies a bounce from its fields as Mailkit sends them.</summary>
    /// <param name="status">The enhanced status code (<c>STATUS</c>), for example <c>5.1.1</c>.</param>
    /// <param name="replyText">The server's reply (<c>TEXT_STATUS</c>).</param>
    /// <param name="remoteMta">The remote MTA (<c>REMOTE_MTA</c>), for example <c>dns; mx1.seznam.cz</c>.</param>
    /// <param name="email">The recipient's address (<c>EMAIL</c>).</param>
    /// <param name="bounceCategory">Mailkit's category (<c>BOUNCE_CAT</c>).</param>
    /// <param name="recipientStatus">Mailkit's <c>RECIPIENT_STATUS</c>: <c>permanent</c> or <c>temporary</c>.</param>
    /// <returns>The verdict.</returns>
    public BounceClassification Classify(
        string? status, string? replyText, string? remoteMta = null, string? email = null, string? bounceCategory = null, string? recipientStatus = null)
    {
        EnhancedStatusCode? code = EnhancedStatusCode.TryParse(status, out var parsed) ? parsed : null;
        return Classify(code, replyText, remoteMta, email, bounceCategory, RecipientStatusText.Parse(recipientStatus));
    }

    private BounceClassification Classify(
        EnhancedStatusCode? status, string? replyText, string? remoteMta, string? email, string? category, RecipientStatus recipientStatus)
    {
        var reply = replyText.AsSpan();
        var record = new RecordFacts(status, reply, category, recipientStatus);

        var hostRoom = 2 * _rules.Hosts.MaxMatchesPerHost;
        Span<int> hosts = hostRoom <= MaxStackHosts ? stackalloc int[MaxStackHosts] : new int[hostRoom];
        var hostCount = _rules.Hosts.Match(HostSuffixTable.HostOf(remoteMta), hosts, 0);
        hostCount = _rules.Hosts.Match(HostSuffixTable.HostOf(email), hosts, hostCount);
        hosts = hosts[..hostCount];

        var words = _rules.Matcher.SeenWords;
        Span<ulong> seen = words <= MaxStackWords ? stackalloc ulong[MaxStackWords] : new ulong[words];
        seen = seen[..words];
        seen.Clear();
        _rules.Matcher.Scan(reply, seen, out var combinations);
        var superseded = Superseded(combinations);

        // Phrases are numbered in rank order: the first one found whose rule holds is the best phrase rule.
        CompiledRule? best = null;
        string? evidence = null;
        for (var w = 0; w < seen.Length && best is null; w++)
        {
            for (var bits = seen[w]; bits != 0; bits &= bits - 1)
            {
                var pattern = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (_rules.PatternIsContext[pattern])
                {
                    continue;
                }

                var rule = _rules.Rules[_rules.PatternRule[pattern]];
                if ((superseded & (1UL << (int)rule.Source.Reason)) != 0 && rule.Tier is EvidenceTier.Phrase or EvidenceTier.WeakPhrase)
                {
                    // "Doména příjemce neexistuje": the phrase "příjemce neexistuje" names the wrong object.
                    continue;
                }

                if (Holds(rule, record, hosts, seen, combinations, out _))
                {
                    best = rule;
                    evidence = _rules.PatternText[pattern];
                    break;
                }
            }
        }

        foreach (var rule in _rules.Phraseless)
        {
            if (best is not null && rule.Priority > best.Priority)
            {
                break;
            }

            if (Holds(rule, record, hosts, seen, combinations, out var host))
            {
                best = rule;
                evidence = rule.Combination >= 0 ? _rules.Combinations[rule.Combination].Terms
                    : rule.Status.IsSet ? rule.Source.EnhancedStatus
                    : rule.ReplyCode != 0 ? rule.ReplyCodeText
                    : rule.Source.BounceCategory ?? (host >= 0 ? _rules.Hosts[host] : string.Empty);
                break;
            }
        }

        if (best is null)
        {
            if (_examples?.Nearest(status, reply, remoteMta) is { } near)
            {
                var nearHard = BounceReasons.IsHard(near.Example.Reason, record.IsTransient);
                return new BounceClassification(
                    near.Example.Reason,
                    nearHard,
                    near.Id,
                    near.Example.ReplyText,
                    BounceEvidenceKind.NearestExamples,
                    Disagrees(nearHard, recipientStatus, category),
                    near.Confidence);
            }

            return Undetermined();
        }

        var reason = best.Source.Reason;
        var hard = BounceReasons.IsHardReason(reason) && !record.IsTransient;
        return new BounceClassification(reason, hard, best.Source.Id, evidence ?? string.Empty, best.Kind, Disagrees(hard, recipientStatus, category));
    }

    /// <summary>The reasons whose phrases a combination that held supersedes (bit <c>(int)reason</c>).</summary>
    private ulong Superseded(ulong combinations)
    {
        var superseded = 0UL;
        for (; combinations != 0; combinations &= combinations - 1)
        {
            superseded |= _rules.Combinations[System.Numerics.BitOperations.TrailingZeroCount(combinations)].Supersedes;
        }

        return superseded;
    }

    /// <summary>
    /// The one place a record ends undetermined: no rule holds. The verdict is soft with the advice to retry, and never
    /// disagrees with Mailkit, since it claims nothing.
    /// </summary>
    private static BounceClassification Undetermined() =>
        new(BounceReason.Undetermined, false, string.Empty, string.Empty, BounceEvidenceKind.None, false);

    private static bool Holds(
        CompiledRule rule, in RecordFacts record, ReadOnlySpan<int> hosts, ReadOnlySpan<ulong> seen, ulong combinations, out int host)
    {
        host = -1;
        if (rule.Combination >= 0)
        {
            return (combinations & (1UL << rule.Combination)) != 0;
        }

        if (rule.Status.IsSet && !(record.HasStatus && rule.Status.Matches(record.Class, record.Subject, record.Detail)))
        {
            return false;
        }

        if (rule.ReplyCode != 0 && rule.ReplyCode != record.ReplyCode)
        {
            return false;
        }

        if (rule.Source.BounceCategory is { } category
            && !string.Equals(category, record.Category?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.HostIds.Length > 0)
        {
            foreach (var id in rule.HostIds)
            {
                if (hosts.Contains(id))
                {
                    host = id;
                    break;
                }
            }

            if (host < 0)
            {
                return false;
            }
        }

        if (rule.HasContext)
        {
            foreach (var pattern in rule.ContextPatterns)
            {
                if ((seen[pattern >> 6] & (1UL << (pattern & 63))) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    private bool Disagrees(bool hard, RecipientStatus recipientStatus, string? category)
    {
        if ((recipientStatus == RecipientStatus.Permanent && !hard) || (recipientStatus == RecipientStatus.Temporary && hard))
        {
            return true;
        }

        if (category is null)
        {
            return false;
        }

        foreach (var (name, reason) in _rules.Categories)
        {
            if (string.Equals(name, category.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return BounceReasons.IsHard(reason, transientReply: false) != hard;
            }
        }

        return false;
    }

    /// <summary>What the rules test besides phrases and hosts: the status code in force and the reply code.</summary>
    private readonly ref struct RecordFacts
    {
        private readonly ReadOnlySpan<char> _reply;
        private readonly bool _temporary;

        public RecordFacts(EnhancedStatusCode? status, ReadOnlySpan<char> reply, string? category, RecipientStatus recipientStatus)
        {
            Category = category;
            _reply = reply;
            ReplyCode = ReplyParts.FirstReplyCode(reply);

            // The record's code, unless it is a bare x.0.0 and the reply names a more precise one.
            var fromRecord = status is { IsValid: true } s ? s : default;
            if (fromRecord.IsValid && (fromRecord.Subject != 0 || fromRecord.Detail != 0))
            {
                (HasStatus, Class, Subject, Detail) = (true, fromRecord.Class, fromRecord.Subject, fromRecord.Detail);
            }
            else if (ReplyParts.TryFindStatus(reply, out var c, out var sub, out var det))
            {
                (HasStatus, Class, Subject, Detail) = (true, c, sub, det);
            }
            else if (fromRecord.IsValid)
            {
                (HasStatus, Class, Subject, Detail) = (true, fromRecord.Class, fromRecord.Subject, fromRecord.Detail);
            }

            _temporary = (HasStatus && Class == 4) || (fromRecord.IsValid && fromRecord.Class == 4) || recipientStatus == RecipientStatus.Temporary;
        }

        public bool HasStatus { get; }

        public int Class { get; }

        public int Subject { get; }

        public int Detail { get; }

        public int ReplyCode { get; }

        public string? Category { get; }

        /// <summary>
        /// Gets a value indicating whether anything says the failure is temporary: a 4.x.x status (the record's or the
        /// reply's), Mailkit calling the recipient temporary, or a 4xx final reply code (the last of a transcript:
        /// "450 busy 551 not our user" ends permanent). Read only for hard reasons, so the reply is searched only then.
        /// </summary>
        public bool IsTransient => _temporary || ReplyParts.LastReplyCode(_reply) is >= 400 and < 500;
    }
}
