using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Decoding;

public sealed class RecipientStatusTextTests
{
    [Theory]
    [InlineData("permanent", RecipientStatus.Permanent)]
    [InlineData("PERMANENT", RecipientStatus.Permanent)]
    [InlineData("temporary", RecipientStatus.Temporary)]
    [InlineData("Temporary", RecipientStatus.Temporary)]
    [InlineData("unsubscribed", RecipientStatus.Unknown)]
    [InlineData("", RecipientStatus.Unknown)]
    [InlineData(null, RecipientStatus.Unknown)]
    public void Parse_Text_ReadsTheStatus(string? text, RecipientStatus expected) =>
        Assert.Equal(expected, RecipientStatusText.Parse(text));

    [Fact]
    public void DecoderAndClassifier_TemporaryInAnotherCase_BothMakeAHardReasonSoft()
    {
        var record = new BounceRecordBuilder()
            .Set(BounceFieldNames.UndeliveredLogId, 1)
            .Set(BounceFieldNames.Status, "5.1.1")
            .Set(BounceFieldNames.ServerReply, "550 5.1.1 user unknown")
            .Set(BounceFieldNames.RecipientStatus, "Temporary")
            .Build();

        Assert.Equal(RecipientStatus.Temporary, record.RecipientStatus);
        Assert.False(BounceClassifier.Default.Classify(record).IsHardBounce);
        Assert.False(BounceClassifier.Default.Classify("5.1.1", "550 5.1.1 user unknown", recipientStatus: "Temporary").IsHardBounce);
        Assert.True(BounceClassifier.Default.Classify("5.1.1", "550 5.1.1 user unknown", recipientStatus: "permanent").IsHardBounce);
    }
}
