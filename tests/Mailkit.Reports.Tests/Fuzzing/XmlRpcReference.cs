using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Mailkit.Reports.Decoding;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Tests.Fuzzing;

/// <summary>What the reference makes of a body.</summary>
internal abstract record ReferenceOutcome;

/// <summary>The body is a list of records. <paramref name="NestedKeys"/> name, per record, the extra fields that hold markup.</summary>
internal sealed record ReferenceRecords(List<BounceRecord> Records, List<HashSet<string>> NestedKeys) : ReferenceOutcome;

/// <summary>The body is an error Mailkit answered (the string error or a fault).</summary>
internal sealed record ReferenceApiError(long Code, string Message) : ReferenceOutcome;

/// <summary>The body is refused. <paramref name="WellFormed"/> tells whether XmlReader read it to the end.</summary>
internal sealed record ReferenceRefusal(string Rule, bool WellFormed) : ReferenceOutcome;

/// <summary>
/// The reference for the XML-RPC decoder: <see cref="XmlReader"/> (DTDs prohibited, nothing resolved) decides whether a body
/// is well-formed XML and turns it into a tree, then the XML-RPC grammar the SDK requires is applied to that tree.
/// </summary>
/// <remarks>
/// <para>
/// The tree is XML's information set: <c>&lt;a/&gt;</c> and <c>&lt;a&gt;&lt;/a&gt;</c> are the same; comments and processing
/// instructions are not content; white space between elements is ignorable only when it is literal white space (XmlReader's
/// <see cref="XmlNodeType.Whitespace"/>); CDATA sections and character references are content.
/// </para>
/// <para>
/// Where the SDK is deliberately stricter than XML, or XML-RPC leaves a choice, the rule is written here and marked
/// <c>SDK rule</c>, with the reason for it.
/// </para>
/// </remarks>
internal static partial class XmlRpcReference
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    private static readonly XmlReaderSettings FragmentSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    /// <summary>The scalar types of XML-RPC (plus i8, which Mailkit sends beyond 32 bits).</summary>
    private static readonly HashSet<string> ScalarTypes = new(StringComparer.Ordinal)
    {
        "string", "i4", "i8", "int", "double", "boolean", "base64", "dateTime.iso8601",
    };

    /// <summary>The nesting the SDK allows inside a nested value, counting the value's own struct or array.</summary>
    private const int MaxNestedDepth = 32;

    public static ReferenceOutcome Decode(byte[] body)
    {
        Node root;
        try
        {
            root = Parse(body);
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException or ArgumentException or InvalidOperationException)
        {
            return new ReferenceRefusal($"XmlReader: {FuzzText.Category(ex.Message)}", WellFormed: false);
        }
        catch (RefusedException ex)
        {
            return new ReferenceRefusal(ex.Message, WellFormed: true);
        }

        try
        {
            return Response(root);
        }
        catch (RefusedException ex)
        {
            return new ReferenceRefusal(ex.Message, WellFormed: true);
        }
    }

    /// <summary>
    /// Reads a body as XML alone, under the SDK's rules for XML but without XML-RPC's grammar: <see langword="null"/> when it
    /// is refused, otherwise each element's name and text content (its character data, CDATA included, comments and
    /// processing instructions left out), in document order.
    /// </summary>
    public static List<(string Name, string Text)>? ReadXml(byte[] body)
    {
        Node root;
        try
        {
            root = Parse(body);
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException or ArgumentException or InvalidOperationException or RefusedException)
        {
            return null;
        }

        var elements = new List<(string Name, string Text)>();
        Collect(root, elements);
        return elements;

        static void Collect(Node element, List<(string Name, string Text)> elements)
        {
            elements.Add((element.Name, string.Concat(element.Children.Where(c => c.Kind is NodeKind.Text or NodeKind.CData or NodeKind.Whitespace).Select(c => c.Value))));
            foreach (var child in element.Elements)
            {
                Collect(child, elements);
            }
        }
    }

    /// <summary>Puts the canonical form of a nested value, as the SDK keeps it (its markup), for comparison with <see cref="Canonical(Node)"/>.</summary>
    public static string CanonicalMarkup(string markup)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(markup), FragmentSettings);
            var holder = new Node(NodeKind.Element, "#fragment", string.Empty);
            Read(reader, holder, source: null);
            var text = new StringBuilder();
            foreach (var child in holder.Children)
            {
                Canonical(child, text);
            }

            return text.ToString();
        }
        catch (Exception ex) when (ex is XmlException or RefusedException)
        {
            return $"(not well-formed: {ex.Message})";
        }
    }

    private static Node Parse(byte[] body)
    {
        // SDK rule: the body is UTF-8 (Mailkit declares it; the SDK refuses any other encoding). A strict decoder refuses
        // invalid bytes; the UTF-8 BOM, if any, is skipped once, at the start only.
        var skip = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body, skip, body.Length - skip);
        using var reader = XmlReader.Create(new StringReader(text), Settings);
        var document = new Node(NodeKind.Element, "#document", string.Empty);
        Read(reader, document, text);
        CheckCharacterReferences(body);
        return document.Children.Single(c => c.Kind == NodeKind.Element);
    }

    /// <summary>Reads the whole document into <paramref name="holder"/>; the SDK rules it breaks are thrown only once XmlReader has read it all.</summary>
    private static void Read(XmlReader reader, Node holder, string? source)
    {
        var broken = new List<string>();
        var lines = source is null ? null : LineStarts(source);
        var open = new Stack<Node>();
        open.Push(holder);
        while (reader.Read())
        {
            var parent = open.Peek();
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    {
                        // SDK rule: an XML declaration naming another encoding than UTF-8 is refused (spec: responses declare UTF-8).
                        // XML 1.0 §2.8: VersionNum is '1.' [0-9]+, and XmlReader knows only 1.0, yet it accepts "1.0" followed by
                        // anything (version="1.0\uFEFF"): a reference bug, so the version is checked here.
                        if (reader.GetAttribute("version") != "1.0")
                        {
                            throw new XmlException($"Version number '{reader.GetAttribute("version")}' is invalid.");
                        }

                        var encoding = reader.GetAttribute("encoding");
                        if (encoding is not null && !encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                        {
                            broken.Add("the XML declaration names an encoding other than UTF-8");
                        }

                        break;
                    }

                case XmlNodeType.Element:
                    {
                        // SDK rule: XML-RPC has no attributes, and skipping them hid markup inside a quoted value;
                        // an element with an attribute is refused, wherever it is.
                        if (reader.HasAttributes)
                        {
                            broken.Add("an element has an attribute");
                        }

                        var element = new Node(NodeKind.Element, reader.Name, string.Empty) { WasEmptyTag = reader.IsEmptyElement };
                        parent.Children.Add(element);
                        if (!reader.IsEmptyElement)
                        {
                            open.Push(element);
                        }

                        break;
                    }

                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text:
                    parent.Children.Add(new Node(NodeKind.Text, string.Empty, reader.Value));
                    break;
                case XmlNodeType.CDATA:
                    parent.Children.Add(new Node(NodeKind.CData, string.Empty, reader.Value));
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    // XML's rule (XML 1.0 §3.2.1, element content): a character reference to white space does not match S, so
                    // "&#9;" between elements is content, as the SDK reads it, although XmlReader reports it as white space.
                    parent.Children.Add(new Node(FromReference(reader, source, lines) ? NodeKind.Text : NodeKind.Whitespace, string.Empty, reader.Value));
                    break;
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    parent.Children.Add(new Node(NodeKind.Ignored, string.Empty, string.Empty));
                    break;
                default:
                    broken.Add($"XmlReader reported a {reader.NodeType} node");
                    break;
            }
        }

        if (broken.Count > 0)
        {
            throw new RefusedException(broken[0]);
        }
    }

    /// <summary>Whether the white space node the reader stands on was written with a character reference.</summary>
    private static bool FromReference(XmlReader reader, string? source, List<int>? lines)
    {
        if (source is null || lines is null || reader is not IXmlLineInfo { } info || !info.HasLineInfo() || info.LineNumber > lines.Count)
        {
            return false;
        }

        var at = lines[info.LineNumber - 1] + info.LinePosition - 1;
        var end = at < source.Length ? source.IndexOf('<', at) : -1;
        return at < source.Length && source.AsSpan(at, (end < 0 ? source.Length : end) - at).Contains('&');
    }

    /// <summary>Where each line starts, with XML's line ends: CR LF, CR and LF.</summary>
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\r' or '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>
    /// SDK rule: a reference longer than 13 bytes from '&amp;' to ';'
    /// (<c>&amp;#x0000000041;</c>, which XML allows) is refused. Looked for in the raw bytes, outside comments, CDATA and
    /// processing instructions, because XmlReader does not report references.
    /// </summary>
    private static void CheckCharacterReferences(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var outside = Unparsed().Replace(text, string.Empty);
        if (LongReference().IsMatch(outside))
        {
            throw new RefusedException("a character reference is longer than 13 bytes (leading zeros)");
        }
    }

    /// <summary>An API error's message as the SDK reports it: trimmed, each control character shown as a space.</summary>
    /// <remarks>
    /// SDK rule (not XML's): MailkitResponseContext shows control characters, line ends included, as spaces, so that a
    /// message cannot break a log line. XML's own reading comes first: a lone CR is already an LF (XmlReader did that).
    /// </remarks>
    private static string ApiMessage(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Any(char.IsControl) ? new string(trimmed.Select(c => char.IsControl(c) ? ' ' : c).ToArray()) : trimmed;
    }

    private static ReferenceOutcome Response(Node root)
    {
        Expect(root, "methodResponse");
        var top = Single(root, "methodResponse");
        if (top.Name == "fault")
        {
            return Fault(top);
        }

        Expect(top, "params");
        var param = Single(top, "params");
        Expect(param, "param");
        var value = Single(param, "param");
        Expect(value, "value");

        var elements = value.Elements.ToList();
        if (elements.Count == 0)
        {
            // Mailkit's error: untyped text where the records should be (the SDK trims the message it reports).
            return new ReferenceApiError(0, ApiMessage(Content(value)));
        }

        var result = OnlyElement(value, "the response's <value>");
        switch (result.Name)
        {
            case "string":
                return new ReferenceApiError(0, ApiMessage(TextOnly(result)));
            case "array":
                {
                    var records = new ReferenceRecords([], []);
                    var data = Significant(result).ToList();
                    if (data.Count == 0)
                    {
                        // <array/> and <array></array> are the same XML: both an empty result.
                        return records;
                    }

                    var dataElement = Single(result, "array");
                    Expect(dataElement, "data");
                    foreach (var item in Significant(dataElement))
                    {
                        Expect(item, "value");
                        var record = OnlyElement(item, "an item of the record array");
                        Expect(record, "struct");
                        Record(record, records);
                    }

                    return records;
                }

            case "struct":
                {
                    // A PHP array with keys: the keys are not checked, each member's value is a record.
                    var records = new ReferenceRecords([], []);
                    foreach (var member in Significant(result))
                    {
                        Expect(member, "member");
                        var (_, memberValue) = Member(member);
                        var record = OnlyElement(memberValue, "a member of the top-level struct");
                        Expect(record, "struct");
                        Record(record, records);
                    }

                    return records;
                }

            default:
                throw new RefusedException($"the response holds <{result.Name}> where an array of records was expected");
        }
    }

    private static ReferenceApiError Fault(Node fault)
    {
        var value = Single(fault, "fault");
        Expect(value, "value");
        var faultStruct = OnlyElement(value, "the fault's <value>");
        Expect(faultStruct, "struct");
        long code = 0;
        var message = string.Empty;
        foreach (var member in Significant(faultStruct))
        {
            Expect(member, "member");
            var (name, memberValue) = Member(member);

            // SDK rule: the fault's members are read as the SDK reads them: faultCode as an integer when it parses (0 when
            // not), faultString as text; a nested value reads as empty, a member sent twice keeps its last value.
            var parsed = ParseValue(memberValue);
            var text = parsed.Kind == ValueKind.Scalar ? parsed.Text : string.Empty;
            if (name == "faultCode")
            {
                _ = long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code);
            }
            else if (name == "faultString")
            {
                message = text;
            }
        }

        return new ReferenceApiError(code, ApiMessage(message));
    }

    private static void Record(Node recordStruct, ReferenceRecords records)
    {
        var seen = new HashSet<BounceField>();
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        var nested = new HashSet<string>(StringComparer.Ordinal);
        long? id = null, campaign = null, send = null, sendMessage = null, recipient = null, list = null;
        string email = string.Empty, reply = string.Empty, mta = string.Empty, recipientStatus = string.Empty;
        EnhancedStatusCode? status = null;
        foreach (var member in Significant(recordStruct))
        {
            Expect(member, "member");
            var (key, valueNode) = Member(member);
            var value = ParseValue(valueNode);

            // SDK rule: keys are matched as Mailkit sends them, or ignoring case (BounceRecordBuilder's aliases); a key is
            // taken verbatim, so " EMAIL " is an extra key.
            var field = Classify(key);
            if (field == BounceField.Unknown)
            {
                // A key the SDK does not know: kept as text, as "" for nil, as its markup when nested. Sent twice, the last
                // one wins, as in a dictionary.
                extras[key] = value.Kind switch
                {
                    ValueKind.Nil => string.Empty,
                    ValueKind.Nested => Canonical(value.Nested!),
                    _ => value.Text,
                };
                if (value.Kind == ValueKind.Nested)
                {
                    nested.Add(key);
                }
                else
                {
                    nested.Remove(key);
                }

                continue;
            }

            // SDK rule: a documented key sent twice (in any case) is refused; the last one winning moved the cursor.
            if (!seen.Add(field))
            {
                throw new RefusedException("a documented key appears twice in a record");
            }

            if (value.Kind == ValueKind.Nested)
            {
                throw new RefusedException("a documented key holds a struct or an array");
            }

            if (field is >= BounceField.UndeliveredLogId and <= BounceField.MailingListId)
            {
                var parsed = value.Kind == ValueKind.Nil ? null : Id(value);
                switch (field)
                {
                    case BounceField.UndeliveredLogId: id = parsed; break;
                    case BounceField.CampaignId: campaign = parsed; break;
                    case BounceField.SendId: send = parsed; break;
                    case BounceField.SendMessageId: sendMessage = parsed; break;
                    case BounceField.RecipientId: recipient = parsed; break;
                    default: list = parsed; break;
                }

                continue;
            }

            // SDK rule: a text field takes the text of any scalar type, as sent (base64 is not decoded); nil is "".
            var text = value.Kind == ValueKind.Nil ? string.Empty : value.Text;
            switch (field)
            {
                case BounceField.Email: email = text; break;
                case BounceField.Status: status = text.Length == 0 ? null : EnhancedStatusCode.Parse(text); break;
                case BounceField.ServerReply: reply = text; break;
                case BounceField.RemoteMta: mta = text; break;
                default: recipientStatus = text; break;
            }
        }

        if (id is not { } undeliveredLogId)
        {
            throw new RefusedException("a record has no ID_UNDELIVERED_LOG");
        }

        records.Records.Add(new BounceRecord
        {
            UndeliveredLogId = undeliveredLogId,
            CampaignId = campaign,
            SendId = send,
            SendMessageId = sendMessage,
            RecipientId = recipient,
            MailingListId = list,
            Email = email,
            Status = status,
            ServerReply = reply,
            RemoteMta = mta,
            RecipientStatus = recipientStatus.Equals("permanent", StringComparison.OrdinalIgnoreCase) ? RecipientStatus.Permanent
                : recipientStatus.Equals("temporary", StringComparison.OrdinalIgnoreCase) ? RecipientStatus.Temporary
                : RecipientStatus.Unknown,
            RecipientStatusText = recipientStatus,
            ExtraFields = extras,
        });
        records.NestedKeys.Add(nested);
    }

    /// <summary>
    /// SDK rule: an ID is an <c>i4</c>, <c>int</c>,
    /// <c>i8</c>, <c>string</c> or untyped value whose text is empty (no ID) or ASCII digits with optional XML white space
    /// around them; no sign. <c>i4</c> and <c>int</c> are 32-bit, so they stop at 2^31-1; every ID fits in a long.
    /// </summary>
    private static long? Id(Value value)
    {
        if (value.Type is not (null or "string" or "i4" or "int" or "i8"))
        {
            throw new RefusedException($"an ID is an XML-RPC <{value.Type}>");
        }

        if (value.Text.Length == 0)
        {
            return null;
        }

        // SDK rule (BounceFields.ParseId): white space alone is no ID, like an empty text. Refusing it here was a
        // reference bug that only a reference (&#x20;) showed: the SDK's own plain path reads "   " as no ID too.
        var digits = value.Text.Trim(' ', '\t', '\r', '\n');
        if (digits.Length == 0)
        {
            return null;
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            throw new RefusedException("an ID is not ASCII digits (a sign, a space inside, another character)");
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new RefusedException("an ID is beyond 64 bits");
        }

        if (value.Type is "i4" or "int" && id > int.MaxValue)
        {
            throw new RefusedException("an <i4> or <int> ID is beyond 32 bits");
        }

        return id;
    }

    private static BounceField Classify(string key)
    {
        var all = BounceFieldNames.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return (BounceField)(i + 1);
            }
        }

        return BounceField.Unknown;
    }

    /// <summary>A member: exactly one <c>&lt;name&gt;</c> and one <c>&lt;value&gt;</c>, in either order.</summary>
    private static (string Name, Node Value) Member(Node member)
    {
        Node? name = null, value = null;
        foreach (var child in Significant(member))
        {
            // SDK rule: a second <name> or <value> is refused; the last one winning dropped a record.
            if (child.Kind == NodeKind.Element && child.Name == "name")
            {
                name = name is null ? child : throw new RefusedException("a <member> has two <name>s");
            }
            else if (child.Kind == NodeKind.Element && child.Name == "value")
            {
                value = value is null ? child : throw new RefusedException("a <member> has two <value>s");
            }
            else
            {
                throw new RefusedException($"a <member> holds {Describe(child)}");
            }
        }

        if (name is null || value is null)
        {
            throw new RefusedException("a <member> lacks its <name> or its <value>");
        }

        return (TextOnly(name), value);
    }

    private static Value ParseValue(Node value)
    {
        var elements = value.Elements.ToList();
        if (elements.Count == 0)
        {
            // No type element: a string.
            return new Value(ValueKind.Scalar, null, Content(value), null);
        }

        var typed = OnlyElement(value, "a <value>");
        if (typed.Name == "nil")
        {
            // <nil/>, <nil></nil>; white space, comments and processing instructions aside, nothing inside.
            if (Significant(typed).Any())
            {
                throw new RefusedException("a <nil> is not empty");
            }

            return new Value(ValueKind.Nil, "nil", string.Empty, null);
        }

        if (typed.Name is "struct" or "array")
        {
            // SDK rule: a nested value is kept as its markup and not checked against XML-RPC's grammar, but
            // it must be well-formed (XmlReader checked that) and at most 32 levels deep.
            CheckDepth(typed, 1);
            return new Value(ValueKind.Nested, typed.Name, string.Empty, typed);
        }

        if (!ScalarTypes.Contains(typed.Name))
        {
            throw new RefusedException($"a <value> holds an unknown type <{typed.Name}>");
        }

        return new Value(ValueKind.Scalar, typed.Name, TextOnly(typed), null);
    }

    private static void CheckDepth(Node element, int depth)
    {
        foreach (var child in element.Elements)
        {
            // The SDK counts open elements only: an empty one at the limit is allowed.
            if (!child.WasEmptyTag)
            {
                if (depth + 1 > MaxNestedDepth)
                {
                    throw new RefusedException($"a nested value is deeper than {MaxNestedDepth} levels");
                }

                CheckDepth(child, depth + 1);
            }
        }
    }

    /// <summary>The only element of a node, with nothing else but ignorable white space, comments and processing instructions.</summary>
    private static Node OnlyElement(Node node, string what)
    {
        var significant = Significant(node).ToList();
        if (significant.Count != 1 || significant[0].Kind != NodeKind.Element)
        {
            throw new RefusedException(significant.Any(c => c.Kind != NodeKind.Element)
                ? $"{what} mixes text with elements"
                : $"{what} holds {(significant.Count == 0 ? "nothing" : "two elements")}");
        }

        return significant[0];
    }

    /// <summary>The only significant child of an element, which must be an element.</summary>
    private static Node Single(Node node, string what)
    {
        var significant = Significant(node).ToList();
        if (significant.Count != 1)
        {
            throw new RefusedException($"<{what}> holds {(significant.Count == 0 ? "nothing" : "more than one thing")}");
        }

        if (significant[0].Kind != NodeKind.Element)
        {
            throw new RefusedException($"<{what}> holds text");
        }

        return significant[0];
    }

    private static void Expect(Node node, string name)
    {
        if (node.Kind != NodeKind.Element || node.Name != name)
        {
            throw new RefusedException($"found {Describe(node)} where <{name}> was expected");
        }
    }

    private static string Describe(Node node) => node.Kind == NodeKind.Element ? $"<{node.Name}>" : "text";

    /// <summary>Children that count: elements, text and CDATA. Literal white space, comments and processing instructions do not.</summary>
    private static IEnumerable<Node> Significant(Node node) => node.Children.Where(c => c.Kind is NodeKind.Element or NodeKind.Text or NodeKind.CData);

    /// <summary>The text of an element that must hold no element.</summary>
    private static string TextOnly(Node node)
    {
        if (node.Elements.Any())
        {
            throw new RefusedException($"<{node.Name}> holds an element where text was expected");
        }

        return Content(node);
    }

    private static string Content(Node node)
    {
        var text = new StringBuilder();
        foreach (var child in node.Children)
        {
            if (child.Kind is NodeKind.Text or NodeKind.CData or NodeKind.Whitespace)
            {
                text.Append(child.Value);
            }
        }

        return text.ToString();
    }

    private static string Canonical(Node node)
    {
        var text = new StringBuilder();
        Canonical(node, text);
        return text.ToString();
    }

    /// <summary>Markup without comments, processing instructions or the choice between CDATA and escapes: elements and their text.</summary>
    private static void Canonical(Node node, StringBuilder text)
    {
        switch (node.Kind)
        {
            case NodeKind.Element:
                text.Append('<').Append(node.Name).Append('>');
                var run = new StringBuilder();
                foreach (var child in node.Children)
                {
                    if (child.Kind == NodeKind.Element)
                    {
                        Flush(run, text);
                        Canonical(child, text);
                    }
                    else if (child.Kind != NodeKind.Ignored)
                    {
                        run.Append(child.Value);
                    }
                }

                Flush(run, text);
                text.Append("</").Append(node.Name).Append('>');
                break;
            case NodeKind.Ignored:
                break;
            default:
                text.Append(System.Security.SecurityElement.Escape(node.Value));
                break;
        }

        static void Flush(StringBuilder run, StringBuilder text)
        {
            if (run.Length > 0)
            {
                text.Append(System.Security.SecurityElement.Escape(run.ToString()));
                run.Clear();
            }
        }
    }

    [GeneratedRegex(@"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", RegexOptions.Singleline)]
    private static partial Regex Unparsed();

    [GeneratedRegex(@"&#(x[0-9A-Fa-f]{10,}|[0-9]{11,});")]
    private static partial Regex LongReference();

    private enum NodeKind
    {
        Element,
        Text,
        CData,
        Whitespace,
        Ignored,
    }

    private enum ValueKind
    {
        Scalar,
        Nil,
        Nested,
    }

    private sealed class Node(NodeKind kind, string name, string value)
    {
        public NodeKind Kind { get; } = kind;

        public string Name { get; } = name;

        public string Value { get; } = value;

        public List<Node> Children { get; } = [];

        public bool WasEmptyTag { get; set; }

        public IEnumerable<Node> Elements => Children.Where(c => c.Kind == NodeKind.Element);
    }

    private readonly record struct Value(ValueKind Kind, string? Type, string Text, Node? Nested);

    private sealed class RefusedException(string message) : Exception(message);
}
