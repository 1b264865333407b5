namespace Mailkit.Reports.Classification;

/// <summary>
/// A reason given when, in one clause, every required group has one of its concepts and no forbidden concept occurs.
/// </summary>
internal sealed class ConceptCombination(string id, BounceReason reason, ulong[] required, ulong forbidden, string terms)
{
    public string Id { get; } = id;

    public BounceReason Reason { get; } = reason;

    /// <summary>Gets one mask of concepts per term: the clause must hold one of each.</summary>
    public ulong[] Required { get; } = required;

    public ulong Forbidden { get; } = forbidden;

    /// <summary>Gets the terms as written, reported as the evidence.</summary>
    public string Terms { get; } = terms;

    /// <summary>Gets the reasons (bit <c>(int)reason</c>) whose phrases stop deciding when this combination holds.</summary>
    public ulong Supersedes { get; set; }

    public List<RuleExample> Examples { get; } = [];

    public bool Holds(ulong clause)
    {
        if ((clause & Forbidden) != 0)
        {
            return false;
        }

        foreach (var group in Required)
        {
            if ((clause & group) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
