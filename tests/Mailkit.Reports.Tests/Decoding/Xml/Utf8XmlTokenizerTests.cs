using System.Text;
using Mailkit.Reports.Decoding.Xml;

namespace Mailkit.Reports.Tests.Decoding.Xml;

public class Utf8XmlTokenizerTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    public static TheoryData<string, string[]> Constructs => new()
    {
        { "<a></a>", ["<a>", "</a>", "end"] },
        { "<a/>", ["<a/>", "end"] },
        { "<a />", ["<a/>", "end"] },
        { "<a\t\r\n>x</a \n>", ["<a>", "text:x", "</a>", "end"] },
        { "<a><b/><c>1</c></a>", ["<a>", "<b/>", "<c>", "text:1", "</c>", "</a>", "end"] },
        { "<a>\n  <b/>\n</a>", ["<a>", "space:\n  ", "<b/>", "space:\n", "</a>", "end"] },
        { "<a>x &amp; &lt; &gt; &quot; &apos;</a>", ["<a>", "text:x & < > \" '", "</a>", "end"] },
        { "<a>&#65;&#x42;&#x1F600;</a>", ["<a>", "text:AB\U0001F600", "</a>", "end"] },
        { "<a><![CDATA[<b>&amp;]]></a>", ["<a>", "text:<b>&amp;", "</a>", "end"] },
        { "<a>x<![CDATA[ y ]]>z</a>", ["<a>", "text:x y z", "</a>", "end"] },
        { "<a>x<!-- note -->y</a>", ["<a>", "text:xy", "</a>", "end"] },
        { "<a><!-- note --><b/></a>", ["<a>", "<b/>", "</a>", "end"] },
        { "<a>x<?pi data?>y</a>", ["<a>", "text:xy", "</a>", "end"] },
        { "<?pi data?><a/>", ["<a/>", "end"] },
        { Declaration + "<a/>", ["<a/>", "end"] },
        { Declaration + "\n<!-- c -->\n<a/>\n", ["space:\n\n", "<a/>", "space:\n", "end"] },
        { "<a>a\r\nb\rc</a>", ["<a>", "text:a\nb\nc", "</a>", "end"] },
        { "<a><![CDATA[a\r\nb\rc]]></a>", ["<a>", "text:a\nb\nc", "</a>", "end"] },
        { "<a>\u00e9\u4e2d</a>", ["<a>", "text:\u00e9\u4e2d", "</a>", "end"] },
        { "<\u00e9l\u00e9ment>x</\u00e9l\u00e9ment>", ["<\u00e9l\u00e9ment>", "text:x", "</\u00e9l\u00e9ment>", "end"] },
        { "<a.b-c_d>x</a.b-c_d>", ["<a.b-c_d>", "text:x", "</a.b-c_d>", "end"] },
        { "<a>&#32;</a>", ["<a>", "text: ", "</a>", "end"] },
    };

    /// <summary>Every problem the tokenizer reports, with a part of its message.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "document type declaration" },
        { "<!ELEMENT a ANY><a/>", "neither a comment nor a CDATA section" },
        { "<a x=\"1\"/>", "has an attribute" },
        { "<a x:y=\"1\"></a>", "has an attribute" },
        { "<1a/>", "not followed by an element name" },
        { "<x:a/>", "not followed by an element name" },
        { "< a/>", "not followed by an element name" },
        { "<a/ >", "a '/' inside a start tag is not followed by '>'" },
        { "<a></a b>", "an end tag is malformed" },
        { "<a></1a>", "an end tag is malformed" },
        { "<a>\u0001</a>", "U+0001" },
        { "<a>&bogus;</a>", "reference" },
        { "<a>&#0;</a>", "reference" },
        { "<a>&#xD800;</a>", "reference" },
        { "<a>& b</a>", "reference" },
        { "<a><!-- a -- b --></a>", "'--'" },
        { "<a><!-- a ---></a>", "'--'" },
        { "<a><![CDATA[\u0002]]></a>", "a CDATA section" },
        { "<a><?xml version=\"1.0\"?></a>", "reserved target 'xml'" },
        { "<a/><?xml version=\"1.0\"?>", "reserved target 'xml'" },
        { " " + Declaration + "<a/>", "reserved target 'xml'" },
        { "<a><? no target?></a>", "no target" },
        { "<?xml version=\"1.1\"?><a/>", "version=\"1.0\"" },
        { "<?xml version=\"1.0\" encoding=\"latin1\"?><a/>", "latin1" },
        { "<?xml version=\"1.0\" standalone=\"maybe\"?><a/>", "standalone" },
        { "<?xml version=\"1.0\" other=\"1\"?><a/>", "syntax is invalid" },
        { "<?xml version=\"1.0\" encoding=utf-8?><a/>", "is not quoted" },
        { "<a>]]></a>", "']]>'" },
        { "<a>\uFFFE</a>", "noncharacter U+FFFE" },
        { "<a>&#x1;</a>", "a character XML does not allow" },
        { "<a>&#x0000000041;</a>", "longer than 13 bytes" },
    };

    [Theory]
    [InlineData("<a>", "</a>")]
    [InlineData("<a><!--", "--></a>")]
    [InlineData("<a><![CDATA[", "]]></a>")]
    public void TryRead_BytesThatAreNotUtf8_AreRefused(string before, string after)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)];

        var ex = Assert.Throws<FormatException>(() => TokenizerDriver.Tokens(body));

        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Constructs))]
    public void TryRead_EachConstruct_YieldsItsTokens(string body, string[] expected) =>
        Assert.Equal(expected, TokenizerDriver.Tokens(body));

    [Theory]
    [MemberData(nameof(Constructs))]
    public void TryRead_SplitAtEveryByte_YieldsTheSameTokens(string body, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var first = 1; first < bytes.Length; first++)
        {
            // The first read ends at every byte in turn; later reads come one byte at a time.
            Assert.Equal(expected, TokenizerDriver.Tokens(bytes, first, 1));
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryRead_Malformed_ThrowsFormatExceptionNamingTheProblem(string body, string named)
    {
        var ex = Assert.Throws<FormatException>(() => TokenizerDriver.Tokens(body));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("the body is not well-formed XML: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryRead_MalformedArrivingByteByByte_ThrowsTheSameProblem(string body, string named)
    {
        var ex = Assert.Throws<FormatException>(() => TokenizerDriver.Tokens(Encoding.UTF8.GetBytes(body), 1));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a")]
    [InlineData("<a/")]
    [InlineData("<a></a")]
    [InlineData("<a><!-- c")]
    [InlineData("<a><![CDATA[x")]
    [InlineData("<a><?pi")]
    [InlineData("<a>x<!-")]
    [InlineData("<")]
    [InlineData("<!")]
    [InlineData("<!DOC")]
    public void TryRead_DataEndsInsideAToken_WaitsForMoreThenReportsTheBodyIncomplete(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var xml = new Utf8XmlTokenizer(bytes, isFinal: false, atDocumentStart: true);
        var complete = 0;
        while (xml.TryRead(out _))
        {
            complete++;
        }

        Assert.True(complete <= 1, "at most the start tag before the cut is whole");
        Assert.Throws<IncompleteXmlException>(() => TokenizerDriver.Tokens(bytes));
    }

    [Fact]
    public void TryRead_EmptyFinalData_IsTheEndOfTheBody()
    {
        var xml = new Utf8XmlTokenizer([], isFinal: true, atDocumentStart: true);
        Assert.True(xml.TryRead(out var token));
        Assert.Equal(XmlTokenKind.EndOfBody, token.Kind);
        var waiting = new Utf8XmlTokenizer([], isFinal: false, atDocumentStart: true);
        Assert.False(waiting.TryRead(out _));
    }

    [Fact]
    public void TryRead_DeclarationWhereTheDocumentDoesNotStart_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes(Declaration + "<a/>");
        var xml = new Utf8XmlTokenizer(bytes, isFinal: true, atDocumentStart: false);
        try
        {
            xml.TryRead(out _);
            Assert.Fail("the declaration was accepted");
        }
        catch (FormatException ex)
        {
            Assert.Contains("reserved target 'xml'", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryRead_TextToken_TellsWhetherItNeedsDecoding()
    {
        static (bool NeedsDecoding, bool IsWhitespace) TextOf(string text)
        {
            var xml = new Utf8XmlTokenizer(Encoding.UTF8.GetBytes(text + "<b>"), isFinal: false, atDocumentStart: false);
            Assert.True(xml.TryRead(out var token));
            Assert.Equal(XmlTokenKind.Text, token.Kind);
            return (token.NeedsDecoding, token.IsWhitespace);
        }

        Assert.Equal((false, false), TextOf("plain \u00e9"));
        Assert.Equal((false, true), TextOf(" \t\n"));
        Assert.Equal((true, true), TextOf(" \r\n"));
        Assert.Equal((true, false), TextOf("a&amp;b"));
        Assert.Equal((true, true), TextOf(" <!-- c --> "));
        Assert.Equal((true, false), TextOf("<![CDATA[ ]]>"));
    }

    [Theory]
    [InlineData("<a><b><c/></b>x</a>", true, "")]
    [InlineData("<a><b></c></a>", false, "where </b> was expected")]
    [InlineData("<a><b></b></c>", false, "where </a> was expected")]
    public void TrySkipElement_ChecksThatElementsNestAndCloseByName(string body, bool wellNested, string named)
    {
        var xml = new Utf8XmlTokenizer(Encoding.UTF8.GetBytes(body), isFinal: true, atDocumentStart: true);
        Assert.True(xml.TryRead(out var start));
        try
        {
            Assert.True(xml.TrySkipElement(start));
            Assert.True(wellNested);
            Assert.Equal(body.Length, xml.Position);
        }
        catch (FormatException ex)
        {
            Assert.False(wellNested, ex.Message);
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TrySkipElement_DeeperThanTheLimit_IsRefused()
    {
        var depth = Utf8XmlTokenizer.MaxDepth;
        var fits = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var deeper = "<a>" + fits + "</a>";
        Assert.True(Skip(fits));
        var ex = Assert.Throws<FormatException>(() => Skip(deeper));
        Assert.Contains($"deeper than {depth}", ex.Message, StringComparison.Ordinal);

        static bool Skip(string body)
        {
            var xml = new Utf8XmlTokenizer(Encoding.UTF8.GetBytes(body), isFinal: true, atDocumentStart: true);
            return xml.TryRead(out var start) && xml.TrySkipElement(start);
        }
    }

    [Fact]
    public void TrySkipElement_DataEndsInside_ReturnsFalseUntilFinal()
    {
        var bytes = Encoding.UTF8.GetBytes("<a><b>x</b>");
        var waiting = new Utf8XmlTokenizer(bytes, isFinal: false, atDocumentStart: true);
        Assert.True(waiting.TryRead(out var start));
        Assert.False(waiting.TrySkipElement(start));
        Assert.Throws<IncompleteXmlException>(() =>
        {
            var xml = new Utf8XmlTokenizer(bytes, isFinal: true, atDocumentStart: true);
            xml.TryRead(out var root);
            xml.TrySkipElement(root);
        });
    }

    [Theory]
    [InlineData("<a>x</a>", "x")]
    [InlineData("<a/>", null)]
    [InlineData("<a></a>", null)]
    [InlineData("<a>&lt;<![CDATA[b]]></a>", "<b")]
    public void TryReadTextElement_ElementHoldingText_GivesItsText(string body, string? text)
    {
        var xml = new Utf8XmlTokenizer(Encoding.UTF8.GetBytes(body), isFinal: true, atDocumentStart: true);
        Assert.True(xml.TryRead(out var start));
        Assert.True(xml.TryReadTextElement(start, out var token));
        Assert.Equal(text, token.Kind == XmlTokenKind.Text ? TokenizerDriver.Text(ref xml, token) : null);
        Assert.Equal(body.Length, xml.Position);
    }

    [Theory]
    [InlineData("<a><b/></a>", "found <b> where </a> was expected")]
    [InlineData("<a>x</b>", "found </b> where </a> was expected")]
    public void TryReadTextElement_ElementHoldingAnElement_IsRefused(string body, string message)
    {
        var ex = Assert.Throws<FormatException>(() =>
        {
            var xml = new Utf8XmlTokenizer(Encoding.UTF8.GetBytes(body), isFinal: true, atDocumentStart: true);
            xml.TryRead(out var start);
            xml.TryReadTextElement(start, out _);
        });
        Assert.Equal(message + ".", ex.Message);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" \n<!-- c --><?pi x?>\n", true)]
    [InlineData("x", false)]
    [InlineData("<b/>", false)]
    [InlineData("<![CDATA[ ]]>", false)]
    public void SkipTrailing_AfterTheDocument_AllowsOnlyWhiteSpaceCommentsAndInstructions(string trailing, bool allowed)
    {
        var bytes = Encoding.UTF8.GetBytes(trailing);
        try
        {
            var xml = new Utf8XmlTokenizer(bytes, isFinal: true, atDocumentStart: false);
            xml.SkipTrailing();
            Assert.True(allowed);
            Assert.Equal(bytes.Length, xml.Position);
        }
        catch (FormatException ex)
        {
            Assert.False(allowed, ex.Message);
            Assert.Contains("after the end of the document", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SkipTrailing_DataEndsInsideAComment_StopsBeforeIt()
    {
        var xml = new Utf8XmlTokenizer(" <!-- c"u8, isFinal: false, atDocumentStart: false);
        xml.SkipTrailing();
        Assert.Equal(0, xml.Position);
    }

    [Fact]
    public void Expectations_WrongTokenOrEndOfBody_NameWhatWasFoundAndExpected()
    {
        var xml = new Utf8XmlTokenizer("<b/>"u8, isFinal: true, atDocumentStart: true);
        Assert.True(xml.TryRead(out var token));
        Assert.True(xml.IsStart(token, "b"u8));
        Assert.False(xml.IsEnd(token, "b"u8));
        Assert.Equal("found <b> where <a> was expected.", Assert.Throws<FormatException>(() => Expect(x => x.ExpectStart(token, "a"u8))).Message);
        Assert.Equal("found an empty <b/> where a <b> with content was expected.", Assert.Throws<FormatException>(() => Expect(x => x.ExpectOpen(token, "b"u8))).Message);
        Assert.Equal("found <b> where </b> was expected.", Assert.Throws<FormatException>(() => Expect(x => x.ExpectEnd(token, "b"u8))).Message);
        Assert.Throws<IncompleteXmlException>(() => Expect(x => x.ExpectStart(default, "a"u8)));

        static void Expect(Action<Utf8XmlTokenizerBox> check) => check(new Utf8XmlTokenizerBox("<b/>"u8.ToArray()));
    }

    /// <summary>Holds the bytes of a tokenizer so that a lambda can make one (a ref struct cannot be captured).</summary>
    private sealed class Utf8XmlTokenizerBox(byte[] data)
    {
        public void ExpectStart(XmlToken token, ReadOnlySpan<byte> name)
        {
            var xml = new Utf8XmlTokenizer(data, isFinal: true, atDocumentStart: true);
            xml.ExpectStart(token, name);
        }

        public void ExpectOpen(XmlToken token, ReadOnlySpan<byte> name)
        {
            var xml = new Utf8XmlTokenizer(data, isFinal: true, atDocumentStart: true);
            xml.ExpectOpen(token, name);
        }

        public void ExpectEnd(XmlToken token, ReadOnlySpan<byte> name)
        {
            var xml = new Utf8XmlTokenizer(data, isFinal: true, atDocumentStart: true);
            xml.ExpectEnd(token, name);
        }
    }
}
