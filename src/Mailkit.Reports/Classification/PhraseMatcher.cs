namespace Mailkit.Reports.Classification;

/// <summary>
/// Finds every phrase in a text in one pass (Aho-Corasick over <see cref="FoldedText"/>'s alphabet): the text is folded
/// as it is read, so nothing is copied or allocated. In the same pass it gathers the concept words of each clause and
/// tells which <see cref="ConceptCombination"/>s hold in some clause.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int Width = FoldedText.SymbolCount;
    private const int Reports = int.MinValue;
    private readonly int[] _next;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly ulong[] _concepts;
    private readonly ConceptCombination[] _combinations;

    /// <summary>Builds a matcher for phrases alone.</summary>
    public PhraseMatcher(IReadOnlyList<byte[]> patterns)
        : this(patterns, [], [], [])
    {
    }

    /// <summary>Builds a matcher for phrases and for concept words.</summary>
    /// <param name="patterns">
    /// The phrases, as <see cref="FoldedText.FoldPhrase"/> gives them; their indexes are what
    /// <see cref="Scan(ReadOnlySpan{char}, Span{ulong}, out ulong)"/> reports.
    /// </param>
    /// <param name="words">The concept words, folded the same way.</param>
    /// <param name="wordConcepts">The concept (0 to 63) each word names.</param>
    /// <param name="combinations">The combinations, in rank order (at most 64).</param>
    public PhraseMatcher(IReadOnlyList<byte[]> patterns, IReadOnlyList<byte[]> words, IReadOnlyList<int> wordConcepts, IReadOnlyList<ConceptCombination> combinations)
    {
        PatternCount = patterns.Count;
        _combinations = [.. combinations];
        var all = patterns.Concat(words).ToList();
        var conceptOwn = new List<ulong> { 0 };
        var next = new List<int>(Width * 64);
        AddState(next);
        var own = new List<List<int>?> { null };
        for (var p = 0; p < all.Count; p++)
        {
            var state = 0;
            foreach (var symbol in all[p])
            {
                var slot = (state * Width) + symbol;
                if (next[slot] < 0)
                {
                    next[slot] = own.Count;
                    AddState(next);
                    own.Add(null);
                    conceptOwn.Add(0);
                }

                state = next[slot];
            }

            if (p < patterns.Count)
            {
                (own[state] ??= []).Add(p);
            }
            else
            {
                conceptOwn[state] |= 1UL << wordConcepts[p - patterns.Count];
            }
        }

        var states = own.Count;
        var fail = new int[states];
        var outputs = new List<int>[states];
        outputs[0] = own[0] ?? [];
        _concepts = [.. conceptOwn];
        var queue = new Queue<int>();
        for (var a = 0; a < Width; a++)
        {
            var child = next[a];
            if (child < 0)
            {
                next[a] = 0;
            }
            else
            {
                fail[child] = 0;
                queue.Enqueue(child);
            }
        }

        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            outputs[s] = [.. own[s] ?? [], .. outputs[fail[s]]];
            _concepts[s] |= _concepts[fail[s]];
            for (var a = 0; a < Width; a++)
            {
                var slot = (s * Width) + a;
                var child = next[slot];
                if (child < 0)
                {
                    next[slot] = next[(fail[s] * Width) + a];
                }
                else
                {
                    fail[child] = next[(fail[s] * Width) + a];
                    queue.Enqueue(child);
                }
            }
        }

        _next = [.. next];
        _outputStart = new int[states + 1];
        var flat = new List<int>();
        for (var s = 0; s < states; s++)
        {
            _outputStart[s] = flat.Count;
            flat.AddRange(outputs[s]);
        }

        _outputStart[states] = flat.Count;
        _outputs = [.. flat];

        // A transition into a state that reports something (a phrase or a concept word) carries the sign bit, so the
        // scan tests one value per character instead of looking both up.
        for (var slot = 0; slot < _next.Length; slot++)
        {
            var target = _next[slot];
            if (outputs[target].Count > 0 || _concepts[target] != 0)
            {
                _next[slot] = target | Reports;
            }
        }
    }

    /// <summary>Gets the number of states, for diagnostics.</summary>
    public int StateCount => _outputStart.Length - 1;

    /// <summary>Gets the number of phrases.</summary>
    public int PatternCount { get; }

    /// <summary>Gets the number of <see langword="ulong"/> words of the set <see cref="Scan(ReadOnlySpan{char}, Span{ulong}, out ulong)"/> marks found phrases in.</summary>
    public int SeenWords => (PatternCount + 63) / 64;

    /// <summary>
    /// Marks in <paramref name="seen"/> every phrase found in <paramref name="text"/>, however many: a set of phrase
    /// indexes has room for all of them, so none is dropped and a phrase found twice costs nothing more. The
    /// continuation markers of a multi-line reply (<c>550-5.7.26 </c>) are skipped, so a phrase the server wrapped
    /// across lines still matches. Concept words are gathered per clause, and at each clause's end the first
    /// combination that holds in it is added to <paramref name="combinations"/>.
    /// </summary>
    /// <param name="text">The reply.</param>
    /// <param name="seen">A cleared set of at least <see cref="SeenWords"/> words (bit <c>i</c> is phrase <c>i</c>).</param>
    /// <param name="combinations">The combinations that held in some clause (bit <c>i</c> is combination <c>i</c>).</param>
    /// <returns>How many distinct phrases were found.</returns>
    public int Scan(ReadOnlySpan<char> text, Span<ulong> seen, out ulong combinations)
    {
        var symbols = FoldedText.Symbols;
        var next = _next;
        var concepts = _concepts;
        var count = 0;
        var state = next[FoldedText.Separator] & ~Reports;
        var lastWasSeparator = true;
        var clause = 0UL;
        var i = 0;
        var notMarker = -1;
        combinations = 0;
        while (true)
        {
            var resumeAt = -1;
            for (; i <= text.Length; i++)
            {
                var symbol = i < text.Length ? symbols[text[i]] : FoldedText.Separator;
                if (symbol == FoldedText.Separator)
                {
                    if (!lastWasSeparator)
                    {
                        lastWasSeparator = true;
                        state = next[(state * Width) + symbol];
                        if (state < 0)
                        {
                            state &= ~Reports;
                            count = Collect(state, seen, count);
                            clause |= concepts[state];
                        }
                    }

                    if (clause != 0 && IsClauseEnd(text, i))
                    {
                        combinations |= FirstHolding(clause);
                        clause = 0;
                    }

                    continue;
                }

                if (symbol >= FoldedText.SharpS)
                {
                    if (symbol == FoldedText.Skip)
                    {
                        continue;
                    }

                    symbol = FoldedText.Of('s');
                    state = next[(state * Width) + symbol];
                    if (state < 0)
                    {
                        state &= ~Reports;
                        count = Collect(state, seen, count);
                        clause |= concepts[state];
                    }
                }
                else if (lastWasSeparator && symbol < FoldedText.FirstLetter && i + 4 < text.Length && text[i + 3] is '-' or ' ' && i != notMarker)
                {
                    // A digit starting a word: a continuation marker is skipped, and its neighbours join as one word
                    // boundary. The scan stops here and resumes after it, so the hot loop makes no call.
                    resumeAt = i;
                    break;
                }

                lastWasSeparator = false;
                state = next[(state * Width) + symbol];
                if (state < 0)
                {
                    state &= ~Reports;
                    count = Collect(state, seen, count);
                    clause |= concepts[state];
                }
            }

            if (resumeAt < 0)
            {
                return count;
            }

            // Skip the marker, still after a separator; or, when it is none, read the digit as usual.
            i = MarkerEnd(text, resumeAt);
            notMarker = i == resumeAt ? resumeAt : -1;
        }
    }

    /// <summary>Where the continuation marker starting at <paramref name="start"/> ends; <paramref name="start"/> when there is none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int MarkerEnd(ReadOnlySpan<char> text, int start) => start + ReplyParts.ContinuationMarkerLength(text[start..]);

    /// <summary>As <see cref="Scan(ReadOnlySpan{char}, Span{ulong}, out ulong)"/>, for phrases alone.</summary>
    public int Scan(ReadOnlySpan<char> text, Span<ulong> seen) => Scan(text, seen, out _);

    /// <summary>
    /// Tells whether a clause ends at <paramref name="index"/>: the text's end, a line end, <c>; / | ( )</c>, a
    /// sentence's <c>. ! ?</c> before white space, or a dash between spaces. A colon does not end one: in
    /// "Sender address rejected: Domain not found" the domain is the sender's.
    /// </summary>
    private static bool IsClauseEnd(ReadOnlySpan<char> text, int index)
    {
        if (index >= text.Length)
        {
            return true;
        }

        return text[index] switch
        {
            ';' or '/' or '|' or '(' or ')' or '\n' or '\r' => true,
            '.' or '!' or '?' => index + 1 == text.Length || char.IsWhiteSpace(text[index + 1]),
            '-' => index > 0 && text[index - 1] == ' ' && index + 1 < text.Length && text[index + 1] == ' ',
            _ => false,
        };
    }

    /// <summary>The first combination, in rank order, that holds for a clause's concepts, as a one-bit mask; 0 when none does.</summary>
    private ulong FirstHolding(ulong clause)
    {
        for (var c = 0; c < _combinations.Length; c++)
        {
            if (_combinations[c].Holds(clause))
            {
                return 1UL << c;
            }
        }

        return 0;
    }

    private int Collect(int state, Span<ulong> seen, int count)
    {
        var end = _outputStart[state + 1];
        for (var o = _outputStart[state]; o < end; o++)
        {
            var pattern = _outputs[o];
            ref var word = ref seen[pattern >> 6];
            var bit = 1UL << (pattern & 63);
            if ((word & bit) == 0)
            {
                word |= bit;
                count++;
            }
        }

        return count;
    }

    private static void AddState(List<int> next)
    {
        for (var a = 0; a < Width; a++)
        {
            next.Add(-1);
        }
    }
}
