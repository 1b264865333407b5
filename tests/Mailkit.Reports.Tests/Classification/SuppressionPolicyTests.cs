using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Tests.Classification;

public sealed class SuppressionPolicyTests
{
    [Theory]
    [InlineData(BounceAdvice.Suppress, 0, true)]
    [InlineData(BounceAdvice.Suppress, 1, true)]
    [InlineData(BounceAdvice.SuppressIfRepeated, 2, false)]
    [InlineData(BounceAdvice.SuppressIfRepeated, 3, true)]
    [InlineData(BounceAdvice.SuppressIfRepeated, 4, true)]
    [InlineData(BounceAdvice.FixSending, 100, false)]
    [InlineData(BounceAdvice.Retry, 100, false)]
    public void Suppresses_ByDefault_HardAlwaysAndSoftOnThreeDistinctSends(BounceAdvice advice, int distinctSends, bool expected)
    {
        var policy = new SuppressionPolicy();

        Assert.Equal(SuppressionPolicy.DefaultRepeatedSends, policy.RepeatedSends);
        Assert.Equal(expected, policy.Suppresses(advice, distinctSends));
    }

    [Fact]
    public void Suppresses_OneRepeatedSend_SuppressesASoftBounceAtOnce()
    {
        var policy = new SuppressionPolicy(repeatedSends: 1);

        Assert.True(policy.Suppresses(BounceAdvice.SuppressIfRepeated, 1));
        Assert.False(policy.Suppresses(BounceAdvice.SuppressIfRepeated, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_RepeatedSendsBelowOne_Throws(int repeatedSends) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuppressionPolicy(repeatedSends));
}
