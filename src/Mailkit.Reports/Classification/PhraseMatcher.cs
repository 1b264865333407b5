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

    /// <summary>Writes the index of each phrase found in <paramref name="text"/> to <paramref name="hits"/>, in the order they end.</summary>
    /// <returns>How many were written; phrases beyond the span's length are dropped.</returns>
    public int Scan(ReadOnlySpan<char> text, Span<int> hits)
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
                count = Collect(state, hits, count);
                lastWasSeparator = false;
            }
            else
            {
                lastWasSeparator = false;
            }

            state = next[(state * Width) + symbol];
            count = Collect(state, hits, count);
        }

        return count;
    }

    private int Collect(int state, Span<int> hits, int count)
    {
        var start = _outputStart[state];
        var end = _outputStart[state + 1];
        for (var o = start; o < end && count < hits.Length; o++)
        {
            hits[count++] = _outputs[o];
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
