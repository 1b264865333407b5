using System.Globalization;
using System.Text;

namespace Mailkit.Reports.Cli.Scoring;

/// <summary>
/// Scores predicted bounce reasons against gold labels, as <c>classify --gold</c> prints them: accuracy,
/// macro-F1 over the gold reasons, hard-bounce precision and recall, and a per-reason table. Public-free and
/// self-contained so that another tool can link the file.
/// </summary>
internal sealed class ClassificationScore
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["toomanyconn"] = "ratelimited",
        ["speeding"] = "ratelimited",
        ["mesgtoobig"] = "emailtoolarge",
        ["exceedlimit"] = "emailtoolarge",
    };

    private readonly List<(string Gold, string Predicted, bool GoldHard, bool PredictedHard)> _pairs = [];

    public int Rows => _pairs.Count;

    public void Add(string goldReason, bool goldHard, string? predictedReason, bool predictedHard) =>
        _pairs.Add((Normalize(goldReason), predictedReason is null ? "<missing>" : Normalize(predictedReason), goldHard, predictedHard));

    public double Accuracy => Ratio(_pairs.Count(p => p.Gold == p.Predicted), _pairs.Count);

    public double HardPrecision => Ratio(_pairs.Count(p => p.GoldHard && p.PredictedHard), _pairs.Count(p => p.PredictedHard));

    public double HardRecall => Ratio(_pairs.Count(p => p.GoldHard && p.PredictedHard), _pairs.Count(p => p.GoldHard));

    public double MacroF1
    {
        get
        {
            var table = PerReason();
            return table.Count == 0 ? 0 : table.Average(r => r.F1);
        }
    }

    /// <summary>One row per gold reason, most frequent first, as the labelled set's own scorer orders them.</summary>
    public List<(string Reason, int Support, int Predicted, double Precision, double Recall, double F1)> PerReason()
    {
        var support = _pairs.GroupBy(p => p.Gold).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var predicted = _pairs.GroupBy(p => p.Predicted).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var correct = _pairs.Where(p => p.Gold == p.Predicted).GroupBy(p => p.Gold).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return support
            .OrderBy(s => -s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s =>
            {
                var tp = correct.GetValueOrDefault(s.Key);
                var precision = Ratio(tp, predicted.GetValueOrDefault(s.Key));
                var recall = Ratio(tp, s.Value);
                return (s.Key, s.Value, predicted.GetValueOrDefault(s.Key), precision, recall, Ratio(2 * precision * recall, precision + recall));
            })
            .ToList();
    }

    /// <summary>The scores and the per-reason table as aligned lines.</summary>
    /// <param name="label">Writes a gold reason as it is shown; the labels come from the scored file as they are.</param>
    public string Report(Func<string, string>? label = null)
    {
        label ??= reason => reason;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"gold rows            {Rows}");
        text.AppendLine(c, $"accuracy             {Accuracy:F4}");
        text.AppendLine(c, $"macro-F1 (reasons)   {MacroF1:F4}   over {PerReason().Count} gold reasons");
        text.AppendLine(c, $"hard precision       {HardPrecision:F4}");
        text.AppendLine(c, $"hard recall          {HardRecall:F4}");
        text.AppendLine();
        text.AppendLine(c, $"{"reason",-18} {"support",7} {"pred",5} {"prec",6} {"recall",6} {"F1",6}");
        foreach (var row in PerReason())
        {
            text.AppendLine(c, $"{label(row.Reason),-18} {row.Support,7} {row.Predicted,5} {row.Precision,6:F3} {row.Recall,6:F3} {row.F1,6:F3}");
        }

        return text.ToString();
    }

    private static string Normalize(string reason)
    {
        var r = reason.Trim().ToLowerInvariant();
        return Renamed.GetValueOrDefault(r, r);
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
