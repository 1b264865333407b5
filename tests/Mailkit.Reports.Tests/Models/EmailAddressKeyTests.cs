using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Models;

/// <summary>
/// <see cref="EmailAddressKey"/>: one mailbox written in another ASCII case is one address, and no Unicode look-alike is
/// ever taken for an ASCII address, so a bounce of one address never stands for another.
/// </summary>
public sealed class EmailAddressKeyTests
{
    [Theory]
    [InlineData("Jan.Novak@Seznam.CZ", "jan.novak@seznam.cz")]
    [InlineData("  jan@example.cz\t", "jan@example.cz")]
    [InlineData("jan@example.cz\r\n", "jan@example.cz")]
    [InlineData("", "")]
    public void From_AsciiCaseAndAsciiSpaces_AreFolded(string email, string expected) =>
        Assert.Equal(expected, EmailAddressKey.From(email));

    [Theory]
    [Trait("Finding", "R2-L4")]
    [InlineData("\u212Aarel@x.cz", "karel@x.cz")] // KELVIN SIGN
    [InlineData("\u212Bsa@x.cz", "\u00E5sa@x.cz")] // ANGSTROM SIGN
    [InlineData("\u212Bsa@x.cz", "\u00C5sa@x.cz")]
    [InlineData("jan@\u212Aomerce.cz", "jan@komerce.cz")]
    [InlineData("\u0130nci@x.cz", "inci@x.cz")] // LATIN CAPITAL LETTER I WITH DOT ABOVE
    public void From_UnicodeLookAlike_IsNotTheAddressItResembles(string lookAlike, string real) =>
        Assert.NotEqual(EmailAddressKey.From(real), EmailAddressKey.From(lookAlike));

    [Fact]
    [Trait("Finding", "R2-L4")]
    public void From_NonAsciiCharacters_AreKeptAsWritten()
    {
        Assert.Equal("\u212Aarel@x.cz", EmailAddressKey.From("\u212AAREL@X.CZ"));
        Assert.Equal("\u00C5sa@x.cz", EmailAddressKey.From("\u00C5sa@x.cz"));
    }

    [Fact]
    [Trait("Finding", "R2-L4")]
    public void From_NonAsciiSpaces_AreNotTrimmed() =>
        Assert.Equal("\u00A0jan@x.cz\u3000", EmailAddressKey.From("\u00A0jan@x.cz\u3000"));

    [Fact]
    public void From_Null_Throws() =>
        Assert.Throws<ArgumentNullException>("email", () => EmailAddressKey.From(null!));
}
