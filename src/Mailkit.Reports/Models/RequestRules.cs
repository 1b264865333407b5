namespace Mailkit.Reports.Models;

/// <summary>The rules every report request shares: IDs are null or non-negative, a page asks for 1 to 25 000 records.</summary>
internal static class RequestRules
{
    public static void CheckId(ref List<(string Message, object? Value)>? problems, string prefix, string name, long? value)
    {
        if (value is < 0)
        {
            (problems ??= []).Add(($"{prefix}{name} must be null or a non-negative integer.", value));
        }
    }

    public static void CheckPageSize(ref List<(string Message, object? Value)>? problems, string prefix, int pageSize)
    {
        if (pageSize is < 1 or > RawBouncesRequest.MaxPageSize)
        {
            (problems ??= []).Add(($"{prefix}PageSize must be from 1 to {RawBouncesRequest.MaxPageSize}.", pageSize));
        }
    }

    public static IReadOnlyList<string> Messages(List<(string Message, object? Value)>? problems) =>
        problems is null ? [] : problems.ConvertAll(p => p.Message);

    public static void Throw(List<(string Message, object? Value)>? problems, string paramName)
    {
        if (problems is [var first, ..])
        {
            throw first.Value is null
                ? new ArgumentNullException(paramName, first.Message)
                : new ArgumentOutOfRangeException(paramName, first.Value, first.Message);
        }
    }
}
