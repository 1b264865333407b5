using System.Text;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Decoding;

public class RecordAssemblerTests
{
    [Theory]
    [InlineData("ID_UNDELIVERED_LOG", "42")]
    [InlineData("ID_SEND", " 7 ")]
    [InlineData("ID_EMAIL", "")]
    [InlineData("STATUS", "5.1.1")]
    [InlineData("STATUS", "550")]
    [InlineData("STATUS", "")]
    [InlineData("EMAIL", "žofie@příklad.cz")]
    [InlineData("TEXT_STATUS", "smtp; 550 unknown")]
    [InlineData("RECIPIENT_STATUS", "Permanent")]
    [InlineData("BOUNCE_CAT", "bad-mailbox")]
    [InlineData("email", "alias@example.cz")]
    public void SetUtf8_AnyField_GivesTheRecordThatTheDecodedTextGives(string key, string value)
    {
        var fromBytes = new RecordAssembler(DecodingHarness.Context());
        var fromText = new RecordAssembler(DecodingHarness.Context());
        var (classifiedKey, field) = fromBytes.ClassifyKey(Encoding.UTF8.GetBytes(key));

        fromBytes.SetUtf8(field, classifiedKey, Encoding.UTF8.GetBytes(value));
        fromText.SetDecoded(field, classifiedKey, value);
        if (field != (int)BounceField.UndeliveredLogId)
        {
            fromBytes.SetId(BounceField.UndeliveredLogId, 1);
            fromText.SetId(BounceField.UndeliveredLogId, 1);
        }

        Assert.Equal(fromText.Build(), fromBytes.Build());
    }

    [Theory]
    [InlineData("ID_SEND", null, "SendId")]
    [InlineData("id_send", "id_send", "SendId")]
    [InlineData("BOUNCE_CAT", "BOUNCE_CAT", "Unknown")]
    public void ClassifyKey_ExactDocumentedKeyOrOtherSpelling_KeepsTheKeyOnlyWhenNotExact(string utf8, string? key, string field)
    {
        var assembler = new RecordAssembler(DecodingHarness.Context());

        Assert.Equal((key, (int)Enum.Parse<BounceField>(field)), assembler.ClassifyKey(Encoding.UTF8.GetBytes(utf8)));
    }

    [Fact]
    public void SetNull_IdTextAndExtra_AreNoValue()
    {
        var assembler = new RecordAssembler(DecodingHarness.Context());
        assembler.SetId(BounceField.UndeliveredLogId, 3);
        assembler.SetNull(BounceField.SendId, null);
        assembler.SetNull(BounceField.Email, null);
        assembler.SetNull(BounceField.Unknown, "BOUNCE_CAT");

        var record = (BounceRecord)assembler.Build();

        Assert.Null(record.SendId);
        Assert.Equal(string.Empty, record.Email);
        Assert.Equal(string.Empty, record.ExtraFields["BOUNCE_CAT"]);
    }

    [Fact]
    public void SetText_DocumentedKeyTwiceInAnyCase_ThrowsFormatException()
    {
        var assembler = new RecordAssembler();
        assembler.Set("EMAIL", "a@example.cz");

        var ex = Assert.Throws<FormatException>(() => assembler.Set("Email", "b@example.cz"));

        Assert.Equal("EMAIL appears more than once in the record.", ex.Message);
    }

    [Fact]
    public void TryCountField_PastTheContextsLimit_ReturnsFalseUntilTheNextRecord()
    {
        var assembler = new RecordAssembler(DecodingHarness.Context(maxRecordFields: 2));

        Assert.True(assembler.TryCountField(default));
        Assert.True(assembler.TryCountField(default));
        Assert.False(assembler.TryCountField(default));
        assembler.BeginRecord();
        Assert.True(assembler.TryCountField(default));
        Assert.Contains("MaxRecordFields (2)", RecordAssembler.FieldLimit(2), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidRecord_ProblemNoted_NamesTheFirstFieldAtFaultAndTheRecordsId()
    {
        var assembler = new RecordAssembler(DecodingHarness.Context());
        assembler.NoteProblem(BounceField.SendId, null, "ID_SEND is not a non-negative integer: \"x\".");
        assembler.NoteProblem(BounceField.Unknown, "OTHER", "a second problem");
        assembler.SetId(BounceField.UndeliveredLogId, 9);

        Assert.True(assembler.HasProblem);
        var ex = assembler.InvalidRecord(100, "{record}"u8);

        Assert.Equal("ID_SEND", ex.FieldName);
        Assert.Equal(9, ex.UndeliveredLogId);
        Assert.Equal(100, ex.BodyOffset);
        Assert.Equal("{record}", ex.RecordText);
        assembler.SetId(BounceField.UndeliveredLogId, 10);
        Assert.False(assembler.HasProblem);
    }

    [Fact]
    public void InvalidRecord_NoIdAtAll_NamesTheMissingId()
    {
        var assembler = new RecordAssembler(DecodingHarness.Context());
        assembler.SetText(BounceField.Email, "a@example.cz");

        Assert.True(assembler.HasProblem);
        var ex = assembler.InvalidRecord(0, "{}"u8);

        Assert.Equal(BounceFieldNames.UndeliveredLogId, ex.FieldName);
        Assert.Null(ex.UndeliveredLogId);
        Assert.Contains("has no ID_UNDELIVERED_LOG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidRecord_TheIdItselfAtFault_NamesNoId()
    {
        var assembler = new RecordAssembler(DecodingHarness.Context());
        assembler.NoteProblem(BounceField.UndeliveredLogId, null, "not a number");

        var ex = assembler.InvalidRecord(0, "{}"u8);

        Assert.Equal(BounceFieldNames.UndeliveredLogId, ex.FieldName);
        Assert.Null(ex.UndeliveredLogId);
    }
}
