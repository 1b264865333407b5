using System.Globalization;

namespace Mailkit.Reports.Classification;

/// <summary>A rule ready to test against a record: its conditions as numbers and host indexes.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(BounceRule source, int priority, EvidenceTier tier, BounceEvidenceKind kind, int[] hostIds, StatusPattern status)
    {
        Source = source;
        Priority = priority;
        Tier = tier;
        Kind = kind;
        HostIds = hostIds;
        Status = status;
        ReplyCode = source.ReplyCode ?? 0;
        ReplyCodeText = source.ReplyCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        HasPhrases = source.Phrases.Count > 0;
        HasContext = source.ContextPhrases.Count > 0;
    }

    public BounceRule Source { get; }

    public int Priority { get; }

    public EvidenceTier Tier { get; }

    public BounceEvidenceKind Kind { get; }

    public int[] HostIds { get; }

    public StatusPattern Status { get; }

    public int ReplyCode { get; }

    public string ReplyCodeText { get; }

    public bool HasPhrases { get; }

    public bool HasContext { get; }

    /// <summary>Gets the index of the concept combination the rule stands for, or -1.</summary>
    public int Combination { get; init; } = -1;

    /// <summary>Gets the indexes of the rule's context phrases in the matcher.</summary>
    public int[] ContextPatterns { get; set; } = [];
}
