using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The running totals of <c>suppressions</c>, per address (by its <see cref="EmailAddressKey"/>): a row is counted as it
/// is read and then dropped, so what is held grows with the distinct addresses that have a bounce that may suppress
/// them (and, for soft ones, their distinct sends), never with the rows of the export.
/// </summary>
internal sealed class SuppressionTally(SuppressionPolicy policy)
{
    private readonly Dictionary<string, Address> _addresses = new(StringComparer.Ordinal);

    /// <summary>Gets how many addresses are held.</summary>
    public int Addresses => _addresses.Count;

    public void Add(StoredBounce row)
    {
        if (row.Email.Length == 0 || row.Verdict.AdviceValue is not ({ } advice and (BounceAdvice.Suppress or BounceAdvice.SuppressIfRepeated)))
        {
            return;
        }

        var key = EmailAddressKey.From(row.Email);
        if (!_addresses.TryGetValue(key, out var address))
        {
            _addresses[key] = address = new Address();
        }

        address.Add(advice, row.Verdict.Reason, row.SendId);
    }

    /// <summary>The addresses <see cref="SuppressionPolicy"/> suppresses, in ordinal order of their key; a hard bounce decides first.</summary>
    public List<Suppression> Build()
    {
        var list = new List<Suppression>();
        foreach (var (key, address) in _addresses.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            foreach (var advice in (ReadOnlySpan<BounceAdvice>)[BounceAdvice.Suppress, BounceAdvice.SuppressIfRepeated])
            {
                if (address.Of(advice) is { } bounces && policy.Suppresses(advice, bounces.Sends.Count))
                {
                    list.Add(new Suppression(key, bounces.MostCommonReason, bounces.Count, advice));
                    break;
                }
            }
        }

        return list;
    }

    /// <summary>An address's bounces of one advice: how many, by reason, and on which sends.</summary>
    private sealed class Bounces
    {
        private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);

        public long Count { get; private set; }

        public HashSet<string> Sends { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the reason most of the bounces give; among equals, the first in ordinal order.</summary>
        public string MostCommonReason => _reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).First().Key;

        public void Add(string reason, string send)
        {
            Count++;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            if (send.Length > 0)
            {
                Sends.Add(send);
            }
        }
    }

    private sealed class Address
    {
        private Bounces? _hard;
        private Bounces? _soft;

        public Bounces? Of(BounceAdvice advice) => advice == BounceAdvice.Suppress ? _hard : _soft;

        public void Add(BounceAdvice advice, string reason, string send)
        {
            if (advice == BounceAdvice.Suppress)
            {
                (_hard ??= new Bounces()).Add(reason, send);
            }
            else
            {
                (_soft ??= new Bounces()).Add(reason, send);
            }
        }
    }
}
