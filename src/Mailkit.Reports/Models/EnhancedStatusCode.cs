using System.Globalization;

namespace Mailkit.Reports.Models;

/// <summary>
/// An enhanced SMTP status code (RFC 3463) such as <c>5.2.2</c>: <c>class.subject.detail</c>.
/// </summary>
/// <remarks>
/// Mailkit passes on what the remote server said, so the value does not always parse.
/// <see cref="IsValid"/> tells; <see cref="Text"/> always holds the value as received.
/// </remarks>
public readonly struct EnhancedStatusCode : IEquatable<EnhancedStatusCode>
{
    private readonly string? _text;

    private EnhancedStatusCode(int statusClass, int subject, int detail, string? text, bool isValid)
    {
        Class = statusClass;
        Subject = subject;
        Detail = detail;
        _text = text;
        IsValid = isValid;
    }

    /// <summary>Gets the class: 2 success, 4 persistent transient failure, 5 permanent failure; 0 when the text does not parse.</summary>
    public int Class { get; }

    /// <summary>Gets the subject (0 to 999), for example 2 for mailbox status; 0 when the text does not parse.</summary>
    public int Subject { get; }

    /// <summary>Gets the detail (0 to 999); 0 when the text does not parse.</summary>
    public int Detail { get; }

    /// <summary>Gets a value indicating whether the text is a well-formed <c>class.subject.detail</c> code.</summary>
    public bool IsValid { get; }

    /// <summary>Gets the value as Mailkit sent it.</summary>
    public string Text => _text ?? (IsValid ? string.Create(CultureInfo.InvariantCulture, $"{Class}.{Subject}.{Detail}") : string.Empty);

    /// <summary>Gets a value indicating whether the code reports a permanent failure (class 5).</summary>
    public bool IsPermanentFailure => IsValid && Class == 5;

    /// <summary>Gets a value indicating whether the code reports a persistent transient failure (class 4).</summary>
    public bool IsTransientFailure => IsValid && Class == 4;

    /// <summary>Reads a status code, keeping text that does not parse as it is.</summary>
    /// <param name="text">The value as received, for example <c>5.2.2</c>.</param>
    /// <returns>The parsed code, or one whose <see cref="IsValid"/> is <see langword="false"/> holding <paramref name="text"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static EnhancedStatusCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var code) ? code : new EnhancedStatusCode(0, 0, 0, text, isValid: false);
    }

    /// <summary>Tries to read a well-formed <c>class.subject.detail</c> code.</summary>
    /// <param name="text">The value, for example <c>4.2.2</c>.</param>
    /// <param name="code">The parsed code when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a well-formed code.</returns>
    public static bool TryParse(string? text, out EnhancedStatusCode code)
    {
        if (text is not null && TryParseParts(text.AsSpan(), out var c, out var s, out var d))
        {
            var canonical = text.Length == CanonicalLength(c, s, d);
            code = new EnhancedStatusCode(c, s, d, canonical ? null : text, isValid: true);
            return true;
        }

        code = default;
        return false;
    }

    internal static EnhancedStatusCode FromUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[16];
        if (utf8.Length <= chars.Length)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                chars[i] = (char)utf8[i];
            }

            var span = chars[..utf8.Length];
            if (TryParseParts(span, out var c, out var s, out var d) && span.Length == CanonicalLength(c, s, d))
            {
                return new EnhancedStatusCode(c, s, d, null, isValid: true);
            }
        }

        return Parse(System.Text.Encoding.UTF8.GetString(utf8));
    }

    private static int CanonicalLength(int c, int s, int d) => 1 + 1 + Digits(s) + 1 + Digits(d);

    private static int Digits(int value) => value >= 100 ? 3 : value >= 10 ? 2 : 1;

    private static bool TryParseParts(ReadOnlySpan<char> text, out int statusClass, out int subject, out int detail)
    {
        statusClass = subject = detail = 0;
        var first = text.IndexOf('.');
        if (first < 0)
        {
            return false;
        }

        var rest = text[(first + 1)..];
        var second = rest.IndexOf('.');
        if (second < 0)
        {
            return false;
        }

        return TryPart(text[..first], 1, out statusClass)
            && statusClass is 2 or 4 or 5
            && TryPart(rest[..second], 3, out subject)
            && TryPart(rest[(second + 1)..], 3, out detail);
    }

    private static bool TryPart(ReadOnlySpan<char> part, int maxDigits, out int value)
    {
        value = 0;
        if (part.Length == 0 || part.Length > maxDigits)
        {
            return false;
        }

        foreach (var ch in part)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (ch - '0');
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(EnhancedStatusCode other) =>
        IsValid == other.IsValid && Class == other.Class && Subject == other.Subject && Detail == other.Detail
        && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EnhancedStatusCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Class, Subject, Detail, IsValid);

    /// <summary>Returns the value as Mailkit sent it.</summary>
    /// <returns>The same as <see cref="Text"/>.</returns>
    public override string ToString() => Text;

    /// <summary>Compares two codes for equality.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns><see langword="true"/> when both hold the same code and text.</returns>
    public static bool operator ==(EnhancedStatusCode left, EnhancedStatusCode right) => left.Equals(right);

    /// <summary>Compares two codes for inequality.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    /// <returns><see langword="true"/> when the codes differ.</returns>
    public static bool operator !=(EnhancedStatusCode left, EnhancedStatusCode right) => !left.Equals(right);
}
