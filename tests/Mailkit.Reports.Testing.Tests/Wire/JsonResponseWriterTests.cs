using System.Text;
using Mailkit.Reports.Testing.Wire;

namespace Mailkit.Reports.Testing.Tests.Wire;

public class JsonResponseWriterTests
{
    private static readonly EmulatedBounce Bounce = new([new("ID_UNDELIVERED_LOG", "5"), new("ID_SEND", ""), new("EMAIL", "a@příklad.cz")]);

    [Fact]
    public void Page_NoRecords_AnEmptyObjectAsMailkitSendsIt() =>
        Assert.Equal("{}", Encoding.UTF8.GetString(JsonResponseWriter.Page([], idsAsNumbers: false)));

    [Fact]
    public void Page_EveryValueAStringInFieldOrder_UnicodeUnescaped() =>
        Assert.Equal("""[{"ID_UNDELIVERED_LOG":"5","ID_SEND":"","EMAIL":"a@příklad.cz"}]""", Encoding.UTF8.GetString(JsonResponseWriter.Page([Bounce], idsAsNumbers: false)));

    [Fact]
    public void Page_IdsAsNumbers_NonEmptyIdsWrittenAsNumbers() =>
        Assert.Equal("""[{"ID_UNDELIVERED_LOG":5,"ID_SEND":"","EMAIL":"a@příklad.cz"}]""", Encoding.UTF8.GetString(JsonResponseWriter.Page([Bounce], idsAsNumbers: true)));

    [Fact]
    public void Error_Message_MailkitsErrorObject() =>
        Assert.Equal("""{"error_status":1,"error":"Invalid ID_send"}""", Encoding.UTF8.GetString(JsonResponseWriter.Error("Invalid ID_send")));
}
