namespace Mailkit.Reports.Classification;

/// <summary>
/// A labelled bounce that teaches a <see cref="BounceClassifier"/>: a record the rules leave undetermined takes the reason
/// of the labelled examples whose replies read most like its own (<see cref="BounceClassifierOptions.Examples"/>).
/// </summary>
/// <remarks>
/// The example's hardness is not given: a verdict taken from examples is hard by the same rule as a rule's verdict, on
/// the classified record's own status, except that a 4xx or temporary bounce decided this way is never hard.
/// </remarks>
public sealed record BounceExample
{
    /// <summary>Initializes an example from the server's reply and its reason.</summary>
    /// <param name="replyText">The server's reply (<c>TEXT_STATUS</c>), for example <c>smtp; 550 Adresát neexistuje</c>.</param>
    /// <param name="reason">The reason the reply means; never <see cref="BounceReason.Undetermined"/>.</param>
    /// <remarks>The classifier validates the example when it is created, so a bad one fails there, naming its index.</remarks>
    public BounceExample(string replyText, BounceReason reason)
    {
        ReplyText = replyText;
        Reason = reason;
    }

    /// <summary>Gets the server's reply (<c>TEXT_STATUS</c>).</summary>
    /// <value>Set by the constructor. Addresses, host names, IP addresses and numbers in it are not compared.</value>
    public string ReplyText { get; init; }

    /// <summary>Gets the reason the reply means.</summary>
    /// <value>Set by the constructor; a defined value other than <see cref="BounceReason.Undetermined"/>.</value>
    public BounceReason Reason { get; init; }

    /// <summary>Gets the enhanced status code (<c>STATUS</c>) the bounce carried, for example <c>5.7.1</c>.</summary>
    /// <value>The default is <see langword="null"/>: the status is not compared. When set, it must be a valid code.</value>
    public string? Status { get; init; }

    /// <summary>Gets the remote MTA (<c>REMOTE_MTA</c>), for example <c>dns; mx1.seznam.cz</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>. When set to a host name, its last two labels are compared with the
    /// classified record's remote MTA; an IP address is ignored.
    /// </value>
    public string? RemoteMta { get; init; }

    /// <summary>Gets a name for the example that a verdict taken from it shows as its <see cref="BounceClassification.RuleId"/>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: the verdict names the example by its index, <c>examples[3]</c>, as it does
    /// for a blank ID.
    /// </value>
    public string? Id { get; init; }
}
