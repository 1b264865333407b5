namespace Mailkit.Reports.Pagination;

/// <summary>The cursor arithmetic: the first ID still wanted after a record.</summary>
internal static class Cursor
{
    /// <summary>The ID after <paramref name="id"/>; <see cref="long.MaxValue"/> stays itself, as no record can follow it.</summary>
    public static long NextAfter(long id) => id == long.MaxValue ? id : id + 1;
}
