using Mailkit.Reports.Cli.Targets;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// <c>suppressions</c> takes one mailbox written in another ASCII case as one address, and never lets a look-alike
/// address written with other Unicode letters stand for the address it resembles.
/// </summary>
public sealed class SuppressionAddressTests
{
    [Fact]
    [Trait("Finding", "R2-L4")]
    public void Build_HardBounceOfKelvinSignAddress_DoesNotSuppressTheAsciiAddress()
    {
        var rows = new[] { HardBounce("\u212Aarel@x.cz", "1"), SoftBounce("karel@x.cz", "2") };

        var list = SuppressionList.Build(rows, repeats: 3);

        var only = Assert.Single(list);
        Assert.Equal("\u212Aarel@x.cz", only.Email);
        Assert.DoesNotContain(list, s => s.Email == "karel@x.cz");
    }

    [Fact]
    [Trait("Finding", "R2-L4")]
    public void Build_SoftBouncesOfLookAlikes_DoNotCountTowardsTheAsciiAddress()
    {
        var rows = new[] { SoftBounce("karel@x.cz", "1"), SoftBounce("\u212Aarel@x.cz", "2"), SoftBounce("\u212AAREL@x.cz", "3") };

        var list = SuppressionList.Build(rows, repeats: 2);

        var only = Assert.Single(list);
        Assert.Equal("\u212Aarel@x.cz", only.Email);
        Assert.Equal(2, only.Bounces);
    }

    [Fact]
    public void Build_AsciiCaseAndSpaces_AreOneAddress()
    {
        var rows = new[] { HardBounce("Jan@Example.CZ", "1"), HardBounce(" jan@example.cz ", "2"), HardBounce("JAN@EXAMPLE.CZ", "3") };

        var list = SuppressionList.Build(rows, repeats: 3);

        var only = Assert.Single(list);
        Assert.Equal("jan@example.cz", only.Email);
        Assert.Equal(3, only.Bounces);
    }

    private static StoredBounce HardBounce(string email, string send) =>
        new("permanent", "5.1.1", "smtp; 550 5.1.1 User unknown", email, string.Empty, send, new Verdict("userunknown", true, "suppress"));

    private static StoredBounce SoftBounce(string email, string send) =>
        new("temporary", "4.2.2", "smtp; 452 4.2.2 Mailbox full", email, string.Empty, send, new Verdict("mailboxfull", false, "suppressifrepeated"));
}
