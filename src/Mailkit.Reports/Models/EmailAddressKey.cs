namespace Mailkit.Reports.Models;

/// <summary>
/// The rule for telling whether two recipient addresses (<see cref="BounceRecord.Email"/>) are the same mailbox, for
/// keying suppressions and counting an address's bounces.
/// </summary>
/// <remarks>
/// <para>
/// Mailbox providers do not tell <c>Jan@Example.CZ</c> from <c>jan@example.cz</c>, so the ASCII letters
/// <c>A</c>–<c>Z</c> are lower-cased and ASCII white space around the address is dropped. Every other character is
/// compared exactly as Mailkit sent it.
/// </para>
/// <para>
/// There is no Unicode case folding: it maps look-alikes onto ASCII letters (U+212A KELVIN SIGN to <c>k</c>, U+212B
/// ANGSTROM SIGN to <c>å</c>), so a bounce of an address someone registered with a look-alike would suppress the real
/// recipient. Two spellings of one non-ASCII address may therefore count as two addresses; that costs a further bounce,
/// never another person's mail.
/// </para>
/// </remarks>
public static class EmailAddressKey
{
    /// <summary>Gets the key of an address: two addresses are the same mailbox when their keys are equal (ordinal).</summary>
    /// <param name="email">The address as Mailkit sent it.</param>
    /// <returns>
    /// <paramref name="email"/> without ASCII white space at either end and with <c>A</c>–<c>Z</c> in lower case; every
    /// other character as it was.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is <see langword="null"/>.</exception>
    public static string From(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var start = 0;
        var end = email.Length;
        while (start < end && IsAsciiWhiteSpace(email[start]))
        {
            start++;
        }

        while (end > start && IsAsciiWhiteSpace(email[end - 1]))
        {
            end--;
        }

        return string.Create(end - start, (email, start), static (key, state) =>
        {
            for (var i = 0; i < key.Length; i++)
            {
                var ch = state.email[state.start + i];
                key[i] = char.IsAsciiLetterUpper(ch) ? (char)(ch | 0x20) : ch;
            }
        });
    }

    private static bool IsAsciiWhiteSpace(char ch) => ch is ' ' or '\t' or '\r' or '\n' or '\f' or '\v';
}
