using System.Buffers;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Classification;

/// <summary>
/// The labelled examples of <see cref="BounceClassifierOptions.Examples"/> as TF-IDF vectors of their
/// <see cref="ExampleFeatures"/>, searched by cosine similarity through an inverted index.
/// </summary>
/// <remarks>
/// Immutable once built, so one index serves any number of threads. A search reads each of the reply's features once
/// and each posting of those features once, and borrows its buffers from <see cref="ArrayPool{T}.Shared"/>.
/// </remarks>
internal sealed class ExampleIndex
{
    /// <summary>How many nearest examples vote.</summary>
    public const int Neighbours = 3;

    /// <summary>The cosine similarity below which an example neither decides nor votes.</summary>
    public const double Threshold = 0.6;

    /// <summary>The most examples a classifier takes; more is an error rather than a silent cut.</summary>
    public const int MaxExamples = 100_000;

    private readonly BounceExample[] _examples;
    private readonly string[] _ids;
    private readonly FeatureTable _features;
    private readonly float[] _idf;
    private readonly int[] _postingStart;
    private readonly int[] _postingExample;
    private readonly float[] _postingWeight;
    private readonly float _unseenIdf;

    private ExampleIndex(BounceExample[] examples, List<(uint Feature, int Count)>[] vectors)
    {
        _examples = examples;
        _ids = new string[examples.Length];
        for (var i = 0; i < examples.Length; i++)
        {
            _ids[i] = string.IsNullOrWhiteSpace(examples[i].Id) ? $"examples[{i}]" : examples[i].Id!;
        }

        // Document frequency, then a dense number for each feature in order of first appearance (deterministic).
        var numbers = new Dictionary<uint, int>();
        var frequency = new List<int>();
        foreach (var vector in vectors)
        {
            foreach (var (feature, _) in vector)
            {
                if (numbers.TryGetValue(feature, out var number))
                {
                    frequency[number]++;
                }
                else
                {
                    numbers.Add(feature, frequency.Count);
                    frequency.Add(1);
                }
            }
        }

        _features = new FeatureTable(numbers);
        _idf = new float[frequency.Count];
        for (var f = 0; f < _idf.Length; f++)
        {
            _idf[f] = Idf(examples.Length, frequency[f]);
        }

        _unseenIdf = Idf(examples.Length, 0);
        _postingStart = new int[frequency.Count + 1];
        for (var f = 0; f < frequency.Count; f++)
        {
            _postingStart[f + 1] = _postingStart[f] + frequency[f];
        }

        _postingExample = new int[_postingStart[^1]];
        _postingWeight = new float[_postingStart[^1]];
        var filled = new int[frequency.Count];
        for (var e = 0; e < vectors.Length; e++)
        {
            var norm = 0.0;
            foreach (var (feature, count) in vectors[e])
            {
                var w = Weight(count, _idf[numbers[feature]]);
                norm += w * w;
            }

            norm = Math.Sqrt(norm);
            foreach (var (feature, count) in vectors[e])
            {
                var f = numbers[feature];
                var slot = _postingStart[f] + filled[f]++;
                _postingExample[slot] = e;
                _postingWeight[slot] = (float)(Weight(count, _idf[f]) / norm);
            }
        }
    }

    /// <summary>Validates the examples and indexes them.</summary>
    /// <returns>The index, or <see langword="null"/> when there are no examples.</returns>
    /// <exception cref="ArgumentException">An example is invalid; the message names its index and the problem.</exception>
    public static ExampleIndex? Create(IReadOnlyList<BounceExample> examples, string parameterName)
    {
        if (examples.Count == 0)
        {
            return null;
        }

        if (examples.Count > MaxExamples)
        {
            throw new ArgumentException($"A classifier takes at most {MaxExamples} examples; {examples.Count} were given.", parameterName);
        }

        var copy = new BounceExample[examples.Count];
        var vectors = new List<(uint, int)>[examples.Count];
        var buffer = ArrayPool<uint>.Shared.Rent(ExampleFeatures.MaxFeatures);
        try
        {
            for (var i = 0; i < copy.Length; i++)
            {
                var example = examples[i];
                var status = default(EnhancedStatusCode);
                var problem = example switch
                {
                    null => "it is null",
                    { ReplyText: null } or { ReplyText.Length: 0 } => "it has no reply text",
                    { Reason: BounceReason.Undetermined } => "its reason is Undetermined, which teaches nothing",
                    _ when !Enum.IsDefined(example.Reason) => $"its reason {(int)example.Reason} is not a defined BounceReason",
                    { Status: { } text } when !EnhancedStatusCode.TryParse(text, out status) => $"its status '{text}' is not an enhanced status code",
                    _ => null,
                };
                if (problem is null)
                {
                    var count = ExampleFeatures.Extract(status, example!.ReplyText, example.RemoteMta, buffer, out var grams);
                    if (grams == 0)
                    {
                        problem = "its reply has no word left to compare once addresses, host names and numbers are dropped";
                    }
                    else
                    {
                        vectors[i] = Count(buffer.AsSpan(0, count));
                    }
                }

                if (problem is not null)
                {
                    throw new ArgumentException($"The classification example at index {i} is invalid: {problem}.", parameterName);
                }

                copy[i] = example!;
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(buffer);
        }

        return new ExampleIndex(copy, vectors);
    }

    /// <summary>Finds the reason the nearest examples give a bounce.</summary>
    /// <returns>The match, or <see langword="null"/> when no example is similar enough or the reply has no word to compare.</returns>
    public ExampleMatch? Nearest(EnhancedStatusCode? status, ReadOnlySpan<char> reply, ReadOnlySpan<char> remoteMta)
    {
        var features = ArrayPool<uint>.Shared.Rent(ExampleFeatures.MaxFeatures);
        var scores = ArrayPool<float>.Shared.Rent(_examples.Length);
        uint[]? keys = null;
        int[]? counts = null;
        try
        {
            var count = ExampleFeatures.Extract(status, reply, remoteMta, features, out var grams);
            if (grams == 0)
            {
                return null;
            }

            // The distinct features and their counts, in an open-addressing table sized to the reply.
            var size = (int)Math.Max(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * count)));
            var shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
            keys = ArrayPool<uint>.Shared.Rent(size);
            counts = ArrayPool<int>.Shared.Rent(size);
            keys.AsSpan(0, size).Fill(FeatureTable.Empty);
            var mask = size - 1;
            foreach (var feature in features.AsSpan(0, count))
            {
                var slot = FeatureTable.Slot(feature, shift);
                while (keys[slot] != FeatureTable.Empty && keys[slot] != feature)
                {
                    slot = (slot + 1) & mask;
                }

                counts[slot] = keys[slot] == feature ? counts[slot] + 1 : 1;
                keys[slot] = feature;
            }

            Array.Clear(scores, 0, _examples.Length);
            var norm = 0.0;
            for (var slot = 0; slot < size; slot++)
            {
                if (keys[slot] == FeatureTable.Empty)
                {
                    continue;
                }

                if (!_features.TryGetValue(keys[slot], out var f))
                {
                    var unseen = Weight(counts[slot], _unseenIdf);
                    norm += unseen * unseen;
                    continue;
                }

                var w = Weight(counts[slot], _idf[f]);
                norm += w * w;
                var weight = (float)w;
                var start = _postingStart[f];
                var length = _postingStart[f + 1] - start;
                var examples = _postingExample.AsSpan(start, length);
                var weights = _postingWeight.AsSpan(start, length);
                for (var p = 0; p < examples.Length; p++)
                {
                    scores[examples[p]] += weight * weights[p];
                }
            }

            return Vote(scores.AsSpan(0, _examples.Length), Math.Sqrt(norm));
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
            if (keys is not null)
            {
                ArrayPool<uint>.Shared.Return(keys);
            }

            if (counts is not null)
            {
                ArrayPool<int>.Shared.Return(counts);
            }
        }
    }

    private static float Idf(int examples, int frequency) => (float)(Math.Log((1.0 + examples) / (1.0 + frequency)) + 1.0);

    /// <summary>Sublinear term frequency: 1 + ln(count), times the inverse document frequency.</summary>
    private static double Weight(int count, float idf) => (count == 1 ? 1.0 : 1.0 + Math.Log(count)) * idf;

    private static List<(uint, int)> Count(Span<uint> features)
    {
        features.Sort();
        var vector = new List<(uint, int)>();
        for (var i = 0; i < features.Length;)
        {
            var j = i;
            while (j < features.Length && features[j] == features[i])
            {
                j++;
            }

            vector.Add((features[i], j - i));
            i = j;
        }

        return vector;
    }

    /// <summary>The k nearest examples above the threshold vote with their similarity; ties go to the nearer example.</summary>
    private ExampleMatch? Vote(ReadOnlySpan<float> scores, double norm)
    {
        Span<int> nearest = stackalloc int[Neighbours];
        Span<double> similarity = stackalloc double[Neighbours];
        var found = 0;
        for (var e = 0; e < scores.Length; e++)
        {
            var s = scores[e] / norm;
            if (s < Threshold)
            {
                continue;
            }

            // Insertion into the short sorted list; an earlier example wins a tie, so the order is deterministic.
            var at = found;
            while (at > 0 && similarity[at - 1] < s)
            {
                at--;
            }

            if (at >= Neighbours)
            {
                continue;
            }

            for (var j = Math.Min(found, Neighbours - 1); j > at; j--)
            {
                nearest[j] = nearest[j - 1];
                similarity[j] = similarity[j - 1];
            }

            nearest[at] = e;
            similarity[at] = s;
            found = Math.Min(found + 1, Neighbours);
        }

        if (found == 0)
        {
            return null;
        }

        var best = -1;
        var bestVote = 0.0;
        for (var i = 0; i < found; i++)
        {
            var vote = 0.0;
            for (var j = 0; j < found; j++)
            {
                if (_examples[nearest[j]].Reason == _examples[nearest[i]].Reason)
                {
                    vote += similarity[j];
                }
            }

            if (vote > bestVote)
            {
                (best, bestVote) = (nearest[i], vote);
            }
        }

        return new ExampleMatch(_examples[best], _ids[best], Math.Min(1.0, bestVote / Math.Min(Neighbours, _examples.Length)));
    }
}
