using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>The walks of raw bounces, in the two shapes a caller receives them in.</summary>
internal static class BounceWalks
{
    public static IAsyncEnumerable<BounceRecord> RecordsAsync(BounceWalker walker, CancellationToken cancellationToken) =>
        Walks.RecordsAsync(walker, cancellationToken);

    public static IAsyncEnumerable<BouncePage> PagesAsync(BounceWalker walker, CancellationToken cancellationToken) =>
        Walks.PagesAsync(walker, Walks.BouncePage, cancellationToken);
}
