using System.Text;
using BenchmarkDotNet.Attributes;
using Mailkit.Reports.Classification;

namespace Mailkit.Reports.Benchmarks;

/// <summary>
/// The bounce classifier on one hostile record, a field of which is 1 MiB long: the reply, the remote MTA or the
/// recipient's address. The time must grow linearly with the field, about a millisecond or less per mebibyte.
/// </summary>
[MemoryDiagnoser]
public class ClassifierHostileBenchmarks
{
    private const int Mebibyte = 1 << 20;
    private BounceClassifier _classifier = BounceClassifier.Default;
    private (string Reply, string RemoteMta, string Email) _record = (string.Empty, string.Empty, string.Empty);

    /// <summary>Gets or sets which field is 1 MiB long.</summary>
    [Params("reply", "remote-mta", "email")]
    public string LongField { get; set; } = "reply";

    [GlobalSetup]
    public void Setup()
    {
        _classifier = new BounceClassifier();
        var unit = LongField == "reply" ? "550-5.1.1 user unknown mailbox full listed in schranka je plna / " : "a.";
        var filler = new StringBuilder(Mebibyte + unit.Length);
        while (filler.Length < Mebibyte)
        {
            filler.Append(unit);
        }

        _record = LongField switch
        {
            "reply" => ("smtp; " + filler, "dns; mx1.seznam.cz", "jan@seznam.cz"),
            "remote-mta" => ("smtp; 550 5.1.1 User unknown", "dns; " + filler + "mx1.seznam.cz [192.0.2.1]", "jan@seznam.cz"),
            _ => ("smtp; 550 5.1.1 User unknown", "dns; mx1.seznam.cz", filler + "@seznam.cz"),
        };
    }

    [Benchmark]
    public BounceClassification ClassifyOneMebibyteField() => _classifier.Classify("5.1.1", _record.Reply, _record.RemoteMta, _record.Email);
}
