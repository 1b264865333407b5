namespace Mailkit.Reports.Classification;

/// <summary>
/// Finds every phrase in a text in one pass (Aho-Corasick over <see cref="FoldedText"/>'s alphabet): the text is folded
/// as it is read, so nothing is copied or allocated.
/// </summary>
internal sealed class PhraseMatcher
{
    private const int Width = FoldedText.SymbolCount;
    private readonly int[] _next;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;

    public PhraseMatcher(IReadOnlyList<byte[]> patterns)
    {
        PatternCount = patterns.Count;
        var next = new List<int>(Width * 64);
        AddState(next);
        var own = new List<List<int>?> { null };
        for (var p = 0; p < patterns.Count; p++)
        {
            var state = 0;
            foreach (var symbol in patterns[p])
            {
                var slot = (state * Width) + symbol;
                if (next[slot] < 0)
                {
                    next[slot] = own.Count;
                    AddState(next);
                    own.Add(null);
                }

                state = next[slot];
            }

            (own[state] ??= []).Add(p);
        }

        var states = own.Count;
        var fail = new int[states];
        var outputs = new List<int>[states];
        outputs[0] = own[0] ?? [];
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
    }

    /// <summary>Gets the number of states, for diagnostics.</summary>
    public int StateCount => _outputStart.Length - 1;

    /// <summary>Gets the number of phrases.</summary>
    public int PatternCount { get; }

    /// <summary>Gets the number of <see langword="ulong"/> words of the set <see cref="Scan"/> marks found phrases in.</summary>
    public int SeenWords => (PatternCount + 63) / 64;

    /// <summary>
    /// Marks in <paramref name="seen"/> every phrase found in <paramref name="text"/>, however many: a set of phrase
    /// indexes has room for all of them, so none is dropped and a phrase found twice costs nothing more. The
    /// continuation markers of a multi-line reply (<c>550-5.7.26 </c>) are skipped, so a phrase the server wrapped
    /// across lines still matches.
    /// </summary>
    /// <param name="text">The reply.</param>
    /// <param name="seen">A cleared set of at least <see cref="SeenWords"/> words (bit <c>i</c> is phrase <c>i</c>).</param>
    /// <returns>How many distinct phrases were found.</returns>
    public int Scan(ReadOnlySpan<char> text, Span<ulong> seen)
    {
        var symbols = FoldedText.Symbols;
        var next = _next;
        var count = 0;
        var state = next[FoldedText.Separator];
        var lastWasSeparator = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var symbol = i < text.Length ? symbols[text[i]] : FoldedText.Separator;
            if (symbol == FoldedText.Separator)
            {
                if (lastWasSeparator)
                {
                    continue;
                }

                lastWasSeparator = true;
            }
            else if (symbol >= FoldedText.SharpS)
            {
                if (symbol == FoldedText.Skip)
                {
                    continue;
                }

                symbol = FoldedText.Of('s');
                state = next[(state * Width) + symbol];
                count = Collect(state, seen, count);
                lastWasSeparator = false;
            }
            else
            {
                if (lastWasSeparator && char.IsAsciiDigit(text[i]) && ReplyParts.ContinuationMarkerLength(text[i..]) is > 0 and var marker)
                {
                    // Still after a separator: the marker's neighbours join as one word boundary.
                    i += marker - 1;
                    continue;
                }

                lastWasSeparator = false;
            }

            state = next[(state * Width) + symbol];
            count = Collect(state, seen, count);
        }

        return count;
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
