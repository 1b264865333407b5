using Mailkit.Reports.Models;

namespace Mailkit.Reports.Pagination;

/// <summary>The walker of <c>mailkit.report.raw.bounces</c>.</summary>
internal sealed class BounceWalker(PageReader readPage, RawBouncesRequest request, WalkSettings settings)
    : RecordWalker<BounceRecord, RawBouncesRequest>(BounceReport.Instance, readPage.Invoke, request, settings);
