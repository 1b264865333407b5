namespace Mailkit.Reports.Classification;

/// <summary>
/// Rules compiled for matching: ranked by <see cref="EvidenceTier"/> and, within a tier, in the order written; every
/// phrase in one <see cref="PhraseMatcher"/>, numbered in rank order, so the lowest phrase found belongs to the
/// best-ranked rule.
/// </summary>
internal sealed class RuleSet
{
    public RuleSet(IEnumerable<BounceRule> callerRules, IEnumerable<BuiltInRule> builtInRules, ConceptLexicon? concepts = null)
    {
        var ranked = new List<(BounceRule Rule, EvidenceTier Tier, BounceEvidenceKind Kind, int Combination)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in callerRules)
        {
            // The caller's rules were validated by the classifier's constructor.
            ids.Add(rule.Id);
            ranked.Add((rule, EvidenceTier.Caller, BounceEvidenceKind.CallerRule, -1));
        }

        var builtIn = builtInRules.Select(r => (r.Rule, Tier: TierOf(r), Kind: KindOf(r.Rule), Combination: -1)).ToList();
        foreach (var (rule, _, _, _) in builtIn)
        {
            if (Problem(rule, ids) is { } problem)
            {
                throw new InvalidOperationException($"The built-in classification rule '{rule.Id}' is invalid: {problem}.");
            }
        }

        var combinations = concepts?.Combinations ?? [];
        for (var c = 0; c < combinations.Count; c++)
        {
            builtIn.Add((new BounceRule(combinations[c].Id, combinations[c].Reason), EvidenceTier.Concept, BounceEvidenceKind.Phrase, c));
        }

        // OrderBy is stable: within a tier the rules keep the order of their files.
        ranked.AddRange(builtIn.OrderBy(r => r.Tier));

        var suffixes = new List<string>();
        var suffixIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var patterns = new List<byte[]>();
        var patternRule = new List<int>();
        var patternContext = new List<bool>();
        var patternText = new List<string>();
        var rules = new CompiledRule[ranked.Count];
        var phraseless = new List<CompiledRule>();
        var categories = new List<(string, BounceReason)>();
        for (var i = 0; i < ranked.Count; i++)
        {
            var (rule, tier, kind, combination) = ranked[i];
            var hostIds = new int[rule.HostSuffixes.Count];
            for (var h = 0; h < hostIds.Length; h++)
            {
                var suffix = rule.HostSuffixes[h].Trim('.');
                if (!suffixIndex.TryGetValue(suffix, out var id))
                {
                    id = suffixes.Count;
                    suffixes.Add(suffix);
                    suffixIndex.Add(suffix, id);
                }

                hostIds[h] = id;
            }

            _ = StatusPattern.TryParse(rule.EnhancedStatus, out var status);
            var compiled = new CompiledRule(rule, i, tier, kind, hostIds, status) { Combination = combination };
            rules[i] = compiled;
            AddPhrases(rule.Phrases, context: false);
            compiled.ContextPatterns = [.. Enumerable.Range(patterns.Count, rule.ContextPhrases.Count)];
            AddPhrases(rule.ContextPhrases, context: true);
            if (!compiled.HasPhrases)
            {
                phraseless.Add(compiled);
            }

            if (rule.BounceCategory is { } category && kind != BounceEvidenceKind.CallerRule)
            {
                categories.Add((category, rule.Reason));
            }

            void AddPhrases(IReadOnlyList<string> phrases, bool context)
            {
                foreach (var phrase in phrases)
                {
                    patterns.Add(FoldedText.FoldPhrase(phrase, out _)!);
                    patternRule.Add(i);
                    patternContext.Add(context);
                    patternText.Add(phrase);
                }
            }
        }

        Rules = rules;
        Phraseless = [.. phraseless];
        Hosts = new HostSuffixTable(suffixes);
        var words = concepts?.Words ?? [];
        Matcher = new PhraseMatcher(
            patterns, [.. words.Select(w => FoldedText.FoldPhrase(w.Word, out _)!)], [.. words.Select(w => w.Concept)], combinations);
        Combinations = [.. combinations];
        PatternRule = [.. patternRule];
        PatternIsContext = [.. patternContext];
        PatternText = [.. patternText];
        Categories = [.. categories];
    }

    public CompiledRule[] Rules { get; }

    /// <summary>Gets the rules without phrases, in rank order.</summary>
    public CompiledRule[] Phraseless { get; }

    public HostSuffixTable Hosts { get; }

    public PhraseMatcher Matcher { get; }

    /// <summary>Gets the rank of each phrase's rule; it never decreases with the phrase's index.</summary>
    public int[] PatternRule { get; }

    public bool[] PatternIsContext { get; }

    public string[] PatternText { get; }

    /// <summary>Gets the concept combinations, as the matcher numbers them.</summary>
    public ConceptCombination[] Combinations { get; }

    /// <summary>The built-in categories of <c>BOUNCE_CAT</c> and the reasons they stand for.</summary>
    public (string Category, BounceReason Reason)[] Categories { get; }

    private static EvidenceTier TierOf(BuiltInRule rule) =>
        KindOf(rule.Rule) switch
        {
            BounceEvidenceKind.Provider => EvidenceTier.Provider,
            BounceEvidenceKind.Phrase when rule.File == "providers" => EvidenceTier.Provider,
            BounceEvidenceKind.Phrase => rule.Weak ? EvidenceTier.WeakPhrase : EvidenceTier.Phrase,
            BounceEvidenceKind.EnhancedStatus => EvidenceTier.EnhancedStatus,
            BounceEvidenceKind.ReplyCode => EvidenceTier.ReplyCode,
            _ => EvidenceTier.MailkitHint,
        };

    private static BounceEvidenceKind KindOf(BounceRule rule) =>
        rule.HostSuffixes.Count > 0 ? BounceEvidenceKind.Provider
        : rule.Phrases.Count > 0 ? BounceEvidenceKind.Phrase
        : rule.EnhancedStatus is not null ? BounceEvidenceKind.EnhancedStatus
        : rule.ReplyCode is not null ? BounceEvidenceKind.ReplyCode
        : BounceEvidenceKind.MailkitHint;

    /// <summary>Tells what is wrong with a rule, or <see langword="null"/> when it is valid; adds its ID to <paramref name="ids"/>.</summary>
    public static string? Problem(BounceRule? rule, HashSet<string> ids)
    {
        if (rule is null)
        {
            return "the rule is null";
        }

        var problem = Problem(rule);
        if (problem is null && !ids.Add(rule.Id))
        {
            problem = "another rule has the same ID";
        }

        return problem;
    }

    private static string? Problem(BounceRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Id))
        {
            return "its ID is empty";
        }

        if (!Enum.IsDefined(rule.Reason))
        {
            return $"{(int)rule.Reason} is not a defined BounceReason";
        }

        if (rule.Phrases is null || rule.ContextPhrases is null || rule.HostSuffixes is null)
        {
            return "a list of conditions is null";
        }

        if (rule.Phrases.Count == 0 && rule.EnhancedStatus is null && rule.ReplyCode is null
            && rule.HostSuffixes.Count == 0 && rule.BounceCategory is null)
        {
            return "it has no condition";
        }

        if (rule.ContextPhrases.Count > 0 && rule.Phrases.Count == 0)
        {
            return "context phrases need phrases";
        }

        foreach (var phrase in rule.Phrases.Concat(rule.ContextPhrases))
        {
            if (phrase is null)
            {
                return "a phrase is null";
            }

            if (FoldedText.FoldPhrase(phrase, out var error) is null)
            {
                return error;
            }
        }

        if (!StatusPattern.TryParse(rule.EnhancedStatus, out _))
        {
            return $"'{rule.EnhancedStatus}' is not an enhanced status such as 5.7.26, 5.7 or x.1.1";
        }

        if (rule.ReplyCode is { } code && code is < 200 or > 599)
        {
            return $"the reply code {code} is not between 200 and 599";
        }

        foreach (var suffix in rule.HostSuffixes)
        {
            if (string.IsNullOrWhiteSpace(suffix) || suffix.AsSpan().IndexOfAny(" ;@/") >= 0)
            {
                return $"'{suffix}' is not a host suffix such as seznam.cz";
            }
        }

        if (rule.BounceCategory is { } category && string.IsNullOrWhiteSpace(category))
        {
            return "its category is empty";
        }

        return null;
    }
}
