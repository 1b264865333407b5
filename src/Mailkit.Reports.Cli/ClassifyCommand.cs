using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Scoring;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;

namespace Mailkit.Reports.Cli;

/// <summary>
/// <c>classify</c>: the classifier's verdict on one bounce given on the command line, or, with <c>--gold</c>, the scores
/// on a labelled JSONL file exactly as the benchmarks' <c>measure classification</c> prints them.
/// </summary>
internal sealed class ClassifyCommand
{
    private readonly Argument<string?> _reply = new("reply")
    {
        Description = "The server's reply (TEXT_STATUS), for example \"smtp; 550 5.1.1 User unknown\".",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<string?> _status = new("--status") { Description = "The enhanced status code (STATUS), for example 5.1.1." };
    private readonly Option<string?> _remoteMta = new("--remote-mta") { Description = "The remote MTA (REMOTE_MTA), for example \"dns; mx1.seznam.cz\"." };
    private readonly Option<string?> _email = new("--email") { Description = "The recipient's address (EMAIL)." };
    private readonly Option<string?> _category = new("--category") { Description = "Mailkit's category (BOUNCE_CAT), for example bad-mailbox." };
    private readonly Option<RecipientStatus?> _recipientStatus = new("--recipient-status") { Description = "Mailkit's RECIPIENT_STATUS: permanent or temporary." };
    private readonly Option<FileInfo?> _gold = new("--gold")
    {
        Description = "Score a labelled JSONL file (reason and hard per row) instead: accuracy, macro-F1, hard precision and recall, per reason.",
    };
    private readonly Option<FileInfo?> _predictions = new("--predictions") { Description = "With --gold: also write each row's {\"id\",\"reason\",\"hard\"} to this JSONL file." };
    private readonly Option<string?> _examples = ExampleFile.CreateOption();

    public ClassifyCommand()
    {
        _recipientStatus.AcceptOnlyFromAmong("permanent", "temporary");
        Command = new Command("classify", "Say why a bounce happened and whether to stop sending: reason, hard or soft, advice, the rule and its evidence.")
        {
            _reply, _status, _remoteMta, _email, _category, _recipientStatus, _gold, _predictions, _examples,
        };
        Command.Validators.Add(result =>
        {
            if (Checks.Select(check => check(result)).FirstOrDefault(problem => problem is not null) is { } first)
            {
                result.AddError(first);
            }
        });
    }

    public Command Command { get; }

    /// <summary>The checks of <c>classify</c>, in the order their problems are reported: only the first is.</summary>
    private IEnumerable<Func<CommandResult, string?>> Checks =>
    [
        r => r.GetResult(_gold) is not null && (r.GetValue(_reply) is not null || r.GetValue(_status) is not null)
            ? "classify --gold scores a file; give no reply or --status with it (see --help)."
            : null,
        r => r.GetResult(_gold) is null && r.GetResult(_predictions) is not null ? "--predictions goes with --gold (see --help)." : null,
        r => r.GetResult(_gold) is null && string.IsNullOrWhiteSpace(r.GetValue(_reply)) && string.IsNullOrWhiteSpace(r.GetValue(_status))
            ? "classify needs the server's reply or --status, or --gold FILE (see --help)."
            : null,
    ];

    public async Task<int> RunAsync(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (result.GetValue(_gold) is { } gold)
        {
            return await LoadAsync(result, error, cancellationToken) is ({ } scorer, null)
                ? await ScoreAsync(gold, result.GetValue(_predictions), scorer, output, error, cancellationToken)
                : ExitCodes.Usage;
        }

        if (await LoadAsync(result, error, cancellationToken) is not ({ } classifier, null))
        {
            return ExitCodes.Usage;
        }

        var verdict = classifier.Classify(
            result.GetValue(_status),
            result.GetValue(_reply),
            result.GetValue(_remoteMta),
            result.GetValue(_email),
            result.GetValue(_category),
            RecipientStatusText(result.GetValue(_recipientStatus)));
        await output.WriteAsync(Describe(verdict));
        return ExitCodes.Done;
    }

    /// <summary>The status as Mailkit writes it in <c>RECIPIENT_STATUS</c>, for the classifier.</summary>
    private static string? RecipientStatusText(RecipientStatus? status) => status switch
    {
        RecipientStatus.Permanent => "permanent",
        RecipientStatus.Temporary => "temporary",
        _ => null,
    };

    /// <summary>The verdict as aligned lines: reason, hard or soft, advice, rule, evidence, and whether Mailkit agrees.</summary>
    internal static string Describe(BounceClassification verdict)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine(c, $"reason    {BounceReasons.ToSisimaiName(verdict.Reason)}");
        text.AppendLine(c, $"bounce    {(verdict.IsHardBounce ? "hard" : "soft")}");
        text.AppendLine(c, $"advice    {Verdict.AdviceName(verdict.Advice)}");
        text.AppendLine(c, $"rule      {verdict.RuleId}");
        var kind = verdict.EvidenceKind.ToString().ToLowerInvariant();
        var confidence = verdict.EvidenceKind == BounceEvidenceKind.NearestExamples
            ? string.Create(c, $", confidence {verdict.Confidence:F2}")
            : string.Empty;
        text.AppendLine(c, $"evidence  {SafeText.Line(verdict.Evidence)} ({kind}{confidence})");
        text.AppendLine(c, $"mailkit   {(verdict.DisagreesWithMailkit ? "its category or recipient status disagrees" : "agrees or gave no hint")}");
        return text.ToString();
    }

    /// <summary>The classifier, taught with <c>--examples</c> when given; a bad file is reported on <paramref name="error"/>.</summary>
    private async Task<(BounceClassifier? Classifier, string? Problem)> LoadAsync(ParseResult result, TextWriter error, CancellationToken cancellationToken)
    {
        var (classifier, problem) = await ExampleFile.LoadAsync(result.GetValue(_examples), cancellationToken);
        if (problem is not null)
        {
            await ErrorReporter.FailAsync(error, ExitCodes.Usage, problem);
        }

        return (classifier, problem);
    }

    private static async Task<int> ScoreAsync(
        FileInfo gold, FileInfo? predictionsPath, BounceClassifier classifier, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Checked after --examples is read, as it always has been: a bad examples file is told first.
        if (!gold.Exists)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"{SafeText.Path(gold.ToString())} does not exist.");
        }

        try
        {
            var lines = await File.ReadAllLinesAsync(gold.FullName, cancellationToken);
            ClassificationScore score;
            if (predictionsPath is null)
            {
                score = ClassificationMeasurement.Score(lines, classifier);
            }
            else
            {
                await using var predictions = new StreamWriter(predictionsPath.FullName);
                score = ClassificationMeasurement.Score(lines, classifier, predictions);
            }

            // The gold reasons are the file's own text: no control character or line break reaches the terminal.
            await output.WriteAsync(score.Report(SafeText.Line));
            return ExitCodes.Done;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"{SafeText.Path(gold.ToString())} is not JSONL: {ex.Message}");
        }
    }
}
