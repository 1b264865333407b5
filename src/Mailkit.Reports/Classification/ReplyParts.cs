namespace Mailkit.Reports.Classification;

/// <summary>Reads the SMTP reply code and the enhanced status code out of a server's reply text.</summary>
internal static class ReplyParts
{
    /// <summary>Finds the first SMTP reply code (2xx, 4xx, 5xx) standing alone, as in <c>550 5.1.1</c> or <c>550-5.7.1</c>.</summary>
    /// <returns>The code, or 0 when there is none.</returns>
    public static int FirstReplyCode(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            if (CodeAt(text, i) is > 0 and var code)
            {
                return code;
            }
        }

        return 0;
    }

    /// <summary>
    /// Finds the last SMTP reply code standing alone: in a transcript (<c>450 busy - please try later 551 not our
    /// user</c>) it is the server's final answer.
    /// </summary>
    /// <returns>The code, or 0 when there is none.</returns>
    public static int LastReplyCode(ReadOnlySpan<char> text)
    {
        for (var i = text.Length - 3; i >= 0; i--)
        {
            if (CodeAt(text, i) is > 0 and var code)
            {
                return code;
            }
        }

        return 0;
    }

    private static int CodeAt(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c is not ('2' or '4' or '5') || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]))
        {
            return 0;
        }

        if (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '-' or '='))
        {
            return 0;
        }

        if (i + 3 < text.Length && text[i + 3] is not (' ' or '-' or ')' or ']' or ',' or '\'' or '"'))
        {
            return 0;
        }

        return ((c - '0') * 100) + ((text[i + 1] - '0') * 10) + (text[i + 2] - '0');
    }

    /// <summary>Finds the first enhanced status code (<c>5.1.1</c>, <c>4.7.26</c>) standing alone in the text.</summary>
    public static bool TryFindStatus(ReadOnlySpan<char> text, out int statusClass, out int subject, out int detail)
    {
        for (var i = 0; i + 5 <= text.Length; i++)
        {
            var c = text[i];
            if (c is not ('2' or '4' or '5') || text[i + 1] != '.')
            {
                continue;
            }

            if (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '.'))
            {
                continue;
            }

            var j = i + 2;
            if (!Number(text, ref j, out subject) || j >= text.Length || text[j] != '.')
            {
                continue;
            }

            j++;
            if (!Number(text, ref j, out detail))
            {
                continue;
            }

            if (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || (text[j] == '.' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]))))
            {
                continue;
            }

            statusClass = c - '0';
            return true;
        }

        statusClass = subject = detail = 0;
        return false;
    }

    /// <summary>
    /// Measures the continuation marker of a multi-line reply at the start of <paramref name="text"/>: a reply code and
    /// an enhanced status (<c>550-5.7.26 </c>, <c>450 4.2.1 </c>), or a reply code and a hyphen (<c>554-</c>).
    /// </summary>
    /// <returns>The marker's length, without the space after it; 0 when there is none. At most 13 characters are read.</returns>
    public static int ContinuationMarkerLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 4 || text[0] is not ('2' or '4' or '5') || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2])
            || text[3] is not ('-' or ' '))
        {
            return 0;
        }

        var j = 4;
        if (j + 1 < text.Length && text[j] is '2' or '4' or '5' && text[j + 1] == '.')
        {
            var k = j + 2;
            if (Number(text, ref k, out _) && k < text.Length && text[k] == '.')
            {
                k++;
                if (Number(text, ref k, out _) && (k == text.Length || char.IsWhiteSpace(text[k])))
                {
                    return k;
                }
            }
        }

        // "554-" alone continues a reply without enhanced status codes; "554 " alone may be any number in a sentence.
        return text[3] == '-' && (j == text.Length || !char.IsAsciiDigit(text[j])) ? j : 0;
    }

    private static bool Number(ReadOnlySpan<char> text, ref int index, out int value)
    {
        value = 0;
        var start = index;
        while (index < text.Length && index - start < 3 && char.IsAsciiDigit(text[index]))
        {
            value = (value * 10) + (text[index] - '0');
            index++;
        }

        return index > start && (index >= text.Length || !char.IsAsciiDigit(text[index]));
    }
}
