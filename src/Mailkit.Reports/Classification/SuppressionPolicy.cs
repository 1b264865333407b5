namespace Mailkit.Reports.Classification;

/// <summary>
/// Which addresses to stop mailing, from the advice of their bounces: every address with a hard bounce
/// (<see cref="BounceAdvice.Suppress"/>), and an address whose soft bounces of the address itself
/// (<see cref="BounceAdvice.SuppressIfRepeated"/>: mailbox full, disabled…) came from at least
/// <see cref="RepeatedSends"/> distinct sends. <see cref="BounceAdvice.FixSending"/> (the sender is at fault) and
/// <see cref="BounceAdvice.Retry"/> never suppress an address.
/// </summary>
/// <remarks>
/// Count an address's sends by its <see cref="Models.EmailAddressKey"/>, so that one mailbox written in another ASCII
/// case is one address and a look-alike is another.
/// </remarks>
public sealed class SuppressionPolicy
{
    /// <summary>The number of distinct sends with a soft bounce of the address itself that suppress it, unless set otherwise.</summary>
    public const int DefaultRepeatedSends = 3;

    /// <summary>Initializes a new instance of the <see cref="SuppressionPolicy"/> class.</summary>
    /// <param name="repeatedSends">How many distinct sends with a soft bounce of the address itself suppress it; 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="repeatedSends"/> is less than 1.</exception>
    public SuppressionPolicy(int repeatedSends = DefaultRepeatedSends)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeatedSends, 1);
        RepeatedSends = repeatedSends;
    }

    /// <summary>Gets how many distinct sends with a soft bounce of the address itself suppress it.</summary>
    public int RepeatedSends { get; }

    /// <summary>Gets whether an address is suppressed by its bounces with one advice.</summary>
    /// <param name="advice">The advice of the address's bounces.</param>
    /// <param name="distinctSends">
    /// On how many distinct sends the address bounced with <paramref name="advice"/>; only
    /// <see cref="BounceAdvice.SuppressIfRepeated"/> reads it.
    /// </param>
    /// <returns>
    /// <see langword="true"/> for <see cref="BounceAdvice.Suppress"/>, and for
    /// <see cref="BounceAdvice.SuppressIfRepeated"/> on at least <see cref="RepeatedSends"/> sends; otherwise
    /// <see langword="false"/>.
    /// </returns>
    public bool Suppresses(BounceAdvice advice, int distinctSends) => advice switch
    {
        BounceAdvice.Suppress => true,
        BounceAdvice.SuppressIfRepeated => distinctSends >= RepeatedSends,
        _ => false,
    };
}
