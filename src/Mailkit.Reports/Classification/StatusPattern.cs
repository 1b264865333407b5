namespace Mailkit.Reports.Classification;

/// <summary>An enhanced status condition: <c>5.7.26</c> exactly, <c>5.7</c> for any detail, <c>x.1.1</c> for either class.</summary>
internal readonly record struct StatusPattern(bool IsSet, int Class, int Subject, int Detail)
{
    public static bool TryParse(string? text, out StatusPattern pattern)
    {
        pattern = default;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        int cls;
        if (parts[0] is "x" or "X")
        {
            cls = -1;
        }
        else if (parts[0] is "2" or "4" or "5")
        {
            cls = parts[0][0] - '0';
        }
        else
        {
            return false;
        }

        if (!Part(parts[1], out var subject))
        {
            return false;
        }

        var detail = -1;
        if (parts.Length == 3 && !Part(parts[2], out detail))
        {
            return false;
        }

        pattern = new StatusPattern(true, cls, subject, detail);
        return true;
    }

    public bool Matches(int statusClass, int subject, int detail) =>
        (Class < 0 || Class == statusClass) && Subject == subject && (Detail < 0 || Detail == detail);

    private static bool Part(string text, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value < 1000;
}
