using Mailkit.Reports.Classification;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli.Enrichment;

/// <summary>
/// A record with the classifier's verdict on it, as the stores receive it. The reason and the advice stay enums here;
/// they become lower-case names only where a store writes them (<see cref="Targets.Verdict"/>).
/// </summary>
internal sealed record ClassifiedBounce(BounceRecord Record, BounceClassification Classification);
