namespace Mailkit.Reports.Classification;

/// <summary>The reason the nearest labelled examples give a reply, with the nearest example that names it.</summary>
/// <param name="Example">The nearest example that names the reason; its reply is the verdict's evidence.</param>
/// <param name="Id">The example's <see cref="BounceExample.Id"/>, or <c>examples[i]</c>.</param>
/// <param name="Confidence">The mean, over the nearest examples, of the similarity of those that name the reason.</param>
internal readonly record struct ExampleMatch(BounceExample Example, string Id, double Confidence);
