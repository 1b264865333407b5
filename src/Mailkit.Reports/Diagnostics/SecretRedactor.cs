using System.Text;

namespace Mailkit.Reports.Diagnostics;

/// <summary>
/// Hides a secret in text that may quote it whole or in part: every run of <see cref="MinimumRun"/> or more characters
/// that is also a run of the secret (compared ignoring case) becomes <c>***</c>. A part cut off at either end of the
/// text, or by a quote that starts in the middle of it, is therefore hidden as well as the whole.
/// </summary>
internal static class SecretRedactor
{
    /// <summary>The shortest part of the secret that is hidden; shorter runs of hexadecimal text are too common to mean it.</summary>
    public const int MinimumRun = 8;

    public const string Mask = "***";

    public static string Redact(string text, string secret)
    {
        if (secret.Length < MinimumRun || text.Length < MinimumRun)
        {
            return text;
        }

        bool[]? hidden = null;
        for (var i = 0; i + MinimumRun <= text.Length; i++)
        {
            if (secret.AsSpan().IndexOf(text.AsSpan(i, MinimumRun), StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hidden ??= new bool[text.Length];
                hidden.AsSpan(i, MinimumRun).Fill(true);
            }
        }

        if (hidden is null)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i])
            {
                builder.Append(text[i]);
            }
            else if (i == 0 || !hidden[i - 1])
            {
                builder.Append(Mask);
            }
        }

        return builder.ToString();
    }
}
