using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Cli.Commands;

/// <summary>
/// <c>eval [--set real|heldout|test|own|FILE] [--json] [--calibration] [--knowledge DIR]</c>: answer quality on a question
/// set through the same search as chat, per language group, beside the naive baseline's top-1 from the same run.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Where the named sets live, relative to the repository root.</summary>
    internal const string SetsFolder = "tests/CniBot.Core.Tests/TestData/Evaluation";

    internal static readonly string[] NamedSets = ["real", "heldout", "test", "own"];

    public static Command Create(Func<CliContext> context)
    {
        var set = new Option<string>("--set")
        {
            Description = "real (the development set of real users' questions), heldout (real questions kept out of tuning, on which changes are judged), test (real questions only reported, never used to choose), own (the team's own list), or a question-set file.",
            DefaultValueFactory = _ => "real",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var calibration = new Option<bool>("--calibration") { Description = "Also print precision and recall at every answer threshold." };
        var knowledge = Options.Knowledge();
        var command = new Command("eval", "Score answer quality on a question set against the naive Lucene baseline.") { set, json, calibration, knowledge };
        command.SetAction(parse => Run(context(), parse.GetValue(set) ?? "real", parse.GetValue(json), parse.GetValue(calibration), parse.GetValue(knowledge)));
        return command;
    }

    internal static int Run(CliContext context, string set, bool json, bool calibration, string? knowledgeDirectory)
    {
        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        var file = ResolveSet(context, set, knowledge);
        var problems = new List<KnowledgeDiagnostic>();
        var questions = QuestionSetLoader.Load(file, problems);
        if (problems.Count > 0)
        {
            problems.ForEach(p => context.Error.WriteLine(p.ToString()));
            throw new UsageException($"the question set {file} has {problems.Count} problem(s)");
        }

        if (questions.Count == 0)
        {
            throw new UsageException($"the question set {file} holds no question");
        }

        var report = Evaluator.Run(knowledge, questions, KnowledgeSource.SearchOptions(context));
        var display = RepositoryPaths.Display(RepositoryPaths.DisplayRoot(knowledge.Directory), file);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(EvalJson.From(display, report), JsonOutput.Options));
        }
        else
        {
            WriteText(context.Out, display, report, calibration);
        }

        return ExitCodes.Success;
    }

    private static string ResolveSet(CliContext context, string set, KnowledgeBase knowledge)
    {
        if (NamedSets.Contains(set, StringComparer.Ordinal))
        {
            var root = RepositoryPaths.DisplayRoot(knowledge.Directory);
            var named = Path.Combine(root, SetsFolder, set + ".yaml");
            return File.Exists(named)
                ? named
                : throw new UsageException($"the '{set}' question set is not at {named}: named sets come with a checkout of the repository; pass a file instead");
        }

        var path = Path.GetFullPath(Path.Combine(context.CurrentDirectory, set));
        return File.Exists(path)
            ? path
            : throw new UsageException($"no question set '{set}': use {string.Join(", ", NamedSets)} or the path of a YAML question set");
    }

    private static void WriteText(TextWriter output, string file, EvaluationReport report, bool calibration)
    {
        var all = report.Score(null);
        output.WriteLine(Invariant($"{file}: {report.Outcomes.Count} questions ({all.Questions} on topic, {report.OffTopicCount} off topic); answer threshold {report.Thresholds}"));
        output.WriteLine();
        output.WriteLine("group   questions  covered  top-1              top-3              baseline top-1");
        foreach (var group in report.Groups)
        {
            output.WriteLine(Invariant($"{group.Name,-7} {group.Questions,9}  {group.Covered,7}  {Rate(group.Top1, group.Covered),-17}  {Rate(group.Top3, group.Covered),-17}  {Rate(group.BaselineTop1, group.Covered)}"));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"off-topic declined: {Rate(report.OffTopicDeclined, report.OffTopicCount)}"));
        var lead = report.LeadingPassage;
        output.WriteLine(Invariant($"answers right first that lead with a passage stating an expected fact: {Rate(lead.StatesAFact, lead.RightFirst)} (all of their facts: {lead.StatesAll})"));
        var uncovered = report.Uncovered.ToArray();
        output.WriteLine(Invariant($"not covered by the knowledge (no section states the expected facts): {uncovered.Length} of {all.Questions} on-topic questions; {all.UncoveredDeclined} of them declined"));
        foreach (var language in EvaluationReport.Languages)
        {
            var best = report.Calibrated(language);
            output.WriteLine(Invariant($"calibration, questions in {language.Pick("English", "Chinese")}: the best precision/recall balance is at threshold {best.Threshold:0.00} (precision {best.Precision:P1}, recall {best.Recall:P1}, off-topic declined {best.OffTopicDeclined:P1})"));
        }

        if (calibration)
        {
            foreach (var language in EvaluationReport.Languages)
            {
                var configured = report.Thresholds.For(language);
                output.WriteLine();
                output.WriteLine(Invariant($"questions in {language.Pick("English", "Chinese")}:"));
                output.WriteLine("threshold  answered  right  precision  recall  F1      off-topic declined");
                foreach (var point in report.Calibration(language).Where((_, i) => i % 5 == 0 || Math.Abs(_.Threshold - configured) < 1e-9))
                {
                    output.WriteLine(Invariant($"{point.Threshold,9:0.00}  {point.Answered,8}  {point.Right,5}  {point.Precision,9:P1}  {point.Recall,6:P1}  {point.F1,6:0.000}  {point.OffTopicDeclined:P1}"));
                }
            }
        }

        var misses = report.Misses.ToArray();
        if (misses.Length > 0)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"misses ({misses.Length}):"));
            foreach (var miss in misses)
            {
                output.WriteLine(Invariant($"  [{Group(miss.Question)}] {miss.Question.Id}: {OneLine(miss.Question.Question, 110)}"));
                output.WriteLine(Invariant($"      {Expected(miss.Question)}; got {Got(miss, report.Thresholds)}"));
            }
        }

        if (uncovered.Length > 0)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"not covered ({uncovered.Length}), by topic: {string.Join(", ", uncovered.GroupBy(o => o.Question.Topic ?? "?").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}"));
            foreach (var gap in uncovered)
            {
                output.WriteLine(Invariant($"  [{Group(gap.Question)}] {gap.Question.Id}: {Expected(gap.Question)}  ({gap.Question.Source})"));
            }
        }
    }

    internal static string Group(EvaluationQuestion question) => question.Group == QuestionGroup.OffTopic ? "off-topic" : question.Group.ToString().ToLowerInvariant();

    internal static string Expected(EvaluationQuestion question) =>
        question.OffTopic ? "expected no answer"
        : question.Anchors.Count > 0 ? "expected " + string.Join(" or ", question.Anchors)
        : "expected " + string.Join(" + ", question.Facts.Select(f => $"\"{f}\""));

    private static string Got(QuestionOutcome outcome, AnswerThresholds threshold) => outcome.Top is null
        ? "nothing"
        : Invariant($"{outcome.Top.Citation} ({outcome.Confidence:0.00}{(outcome.AnsweredAt(threshold) ? string.Empty : ", declined")}{(outcome.RightRank > 1 ? $", right one at #{outcome.RightRank}" : string.Empty)})");

    private static string Rate(int count, int of) => of == 0 ? "-" : Invariant($"{count}/{of} = {(double)count / of:P1}");

    private static string OneLine(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return UserText.Fit(flat, length + 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The JSON shape of <c>eval --json</c>.</summary>
internal sealed record EvalJson(
    string Set,
    EvalThresholdsJson Threshold,
    IReadOnlyList<EvalGroupJson> Groups,
    EvalOffTopicJson OffTopic,
    EvalLeadingPassageJson LeadingPassage,
    IReadOnlyList<EvalLanguageCalibrationJson> Calibration,
    IReadOnlyList<EvalMissJson> Misses,
    IReadOnlyList<EvalMissJson> Uncovered)
{
    public static EvalJson From(string set, EvaluationReport report) => new(
        set,
        new EvalThresholdsJson(report.Thresholds.English, report.Thresholds.Chinese),
        report.Groups.Select(g => new EvalGroupJson(g.Name, g.Questions, g.Covered, g.Top1, g.Top3, g.BaselineTop1, Math.Round(g.Top1Rate, 4), Math.Round(g.Top3Rate, 4), Math.Round(g.BaselineTop1Rate, 4))).ToArray(),
        new EvalOffTopicJson(report.OffTopicCount, report.OffTopicDeclined),
        new EvalLeadingPassageJson(report.LeadingPassage.RightFirst, report.LeadingPassage.StatesAFact, report.LeadingPassage.StatesAll),
        EvaluationReport.Languages.Select(l => new EvalLanguageCalibrationJson(
            l.Code(),
            Point(report.Calibrated(l)),
            report.Calibration(l).Select(Point).ToArray())).ToArray(),
        report.Misses.Select(o => Miss(o, report.Thresholds)).ToArray(),
        report.Uncovered.Select(o => Miss(o, report.Thresholds)).ToArray());

    private static EvalCalibrationJson Point(ThresholdPoint p) =>
        new(p.Threshold, p.Answered, p.Right, Math.Round(p.Precision, 4), Math.Round(p.Recall, 4), Math.Round(p.F1, 4), Math.Round(p.OffTopicDeclined, 4));

    private static EvalMissJson Miss(QuestionOutcome o, AnswerThresholds threshold) => new(
        o.Question.Id,
        EvalCommand.Group(o.Question),
        o.Question.Question,
        EvalCommand.Expected(o.Question),
        o.Top?.Citation,
        Math.Round(o.Confidence, 4),
        o.AnsweredAt(threshold),
        o.RightRank,
        o.BaselineRight,
        o.Question.Source);
}

internal sealed record EvalGroupJson(string Group, int Questions, int Covered, int Top1, int Top3, int BaselineTop1, double Top1Rate, double Top3Rate, double BaselineTop1Rate);

internal sealed record EvalOffTopicJson(int Questions, int Declined);

internal sealed record EvalLeadingPassageJson(int RightFirst, int StatesAFact, int StatesAll);

internal sealed record EvalThresholdsJson(double En, double Zh);

/// <summary>The calibration of the questions asked in one language: its best threshold and every point.</summary>
internal sealed record EvalLanguageCalibrationJson(string Language, EvalCalibrationJson Calibrated, IReadOnlyList<EvalCalibrationJson> Points);

internal sealed record EvalCalibrationJson(double Threshold, int Answered, int Right, double Precision, double Recall, double F1, double OffTopicDeclined);

internal sealed record EvalMissJson(string Id, string Group, string Question, string Expected, string? Got, double Confidence, bool Answered, int RightRank, bool BaselineRight, string? Source);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(EvalJson))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
