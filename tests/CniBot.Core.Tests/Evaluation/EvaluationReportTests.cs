using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Tests.Evaluation;

public sealed class EvaluationReportTests
{
    private static readonly KnowledgeSection Section = new()
    {
        DocumentId = "d",
        DocumentTitle = "D",
        Language = Language.En,
        Path = "knowledge/en/d.md",
        Heading = "H",
        HeadingPath = ["D", "H"],
        Anchor = "h",
        Level = 2,
        Line = 3,
        Ordinal = 0,
        Markdown = "x",
        PlainText = "x",
    };

    [Fact]
    public void Scores_CountOnlyCoveredQuestionsAndAnswersAboveTheThreshold()
    {
        var report = new EvaluationReport(
        [
            Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 1, baseline: true),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 2, baseline: false),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.3, rank: 1, baseline: false), // declined: a miss
            Outcome(QuestionGroup.En, covered: false, confidence: 0.2, rank: 0, baseline: false), // a coverage gap, declined
            Outcome(QuestionGroup.Zh, covered: true, confidence: 0.6, rank: 1, baseline: true),
            Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.7, rank: 0, baseline: false),
            Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.1, rank: 0, baseline: false),
        ], threshold: 0.5);

        var en = report.Score(QuestionGroup.En);
        Assert.Equal((4, 3, 1, 2, 1, 1), (en.Questions, en.Covered, en.Top1, en.Top3, en.BaselineTop1, en.UncoveredDeclined));
        var all = report.Score(null);
        Assert.Equal((5, 4, 2, 3, 2), (all.Questions, all.Covered, all.Top1, all.Top3, all.BaselineTop1));
        Assert.Equal(1, report.OffTopicDeclined);
        Assert.Equal(3, report.Misses.Count()); // the rank-2 answer, the declined covered one, the answered off-topic one
        Assert.Single(report.Uncovered);
    }

    [Fact]
    public void Calibration_GivesPrecisionAndRecallAtEachThreshold_AndPicksTheBestBalance()
    {
        var report = new EvaluationReport(
        [
            Outcome(QuestionGroup.En, covered: true, confidence: 0.8, rank: 1, baseline: false),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.6, rank: 1, baseline: false),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.4, rank: 2, baseline: false),
            Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.5, rank: 0, baseline: false),
        ], threshold: 0);

        var points = report.Calibration(Language.En);
        var at0 = points.Single(p => p.Threshold == 0);
        var at055 = points.Single(p => p.Threshold == 0.55);
        var at07 = points.Single(p => p.Threshold == 0.7);

        Assert.Equal(101, points.Count);
        Assert.Equal((4, 2, 0.5, 2 / 3.0, 0.0), (at0.Answered, at0.Right, at0.Precision, at0.Recall, at0.OffTopicDeclined));
        Assert.Equal((2, 2, 1.0, 2 / 3.0, 1.0), (at055.Answered, at055.Right, at055.Precision, at055.Recall, at055.OffTopicDeclined));
        Assert.Equal((1, 1.0, 1 / 3.0), (at07.Answered, at07.Precision, at07.Recall));
        // Both right answers and nothing else are shown for any threshold in (0.5, 0.6]: the highest of them wins.
        Assert.Equal(0.6, report.Calibrated(Language.En).Threshold);
    }

    [Fact]
    public void Calibration_PrefersAWorseBalance_ThatDeclinesOffTopicQuestions()
    {
        // Twenty right answers at 0.3 and one off-topic question at 0.35: answering all of them has the best F1, but
        // declines none of the off-topic questions; only a threshold above 0.35 declines enough.
        var outcomes = Enumerable.Range(0, 20).Select(_ => Outcome(QuestionGroup.En, covered: true, confidence: 0.3, rank: 1, baseline: false)).ToList();
        outcomes.Add(Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 1, baseline: false));
        outcomes.Add(Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.35, rank: 0, baseline: false));
        var report = new EvaluationReport(outcomes, threshold: 0);

        var best = report.Calibration(Language.En).MaxBy(p => p.F1)!;
        var calibrated = report.Calibrated(Language.En);

        Assert.True(best.OffTopicDeclined < EvaluationReport.RequiredOffTopicDeclined);
        Assert.Equal(1.0, calibrated.OffTopicDeclined);
        Assert.Equal(0.9, calibrated.Threshold);
    }

    [Fact]
    public void EachLanguage_IsCalibratedOnItsOwnQuestions_AndScoredAtItsOwnThreshold()
    {
        // English: a right answer at 0.5 and an off-topic question at 0.45. Chinese: a right answer at 0.25 and an
        // off-topic question at 0.1. One threshold for both would decline the Chinese answer or answer the English
        // off-topic question.
        var report = new EvaluationReport(
        [
            Outcome(QuestionGroup.En, covered: true, confidence: 0.5, rank: 1, baseline: false),
            Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.45, rank: 0, baseline: false),
            Outcome(QuestionGroup.Zh, covered: true, confidence: 0.25, rank: 1, baseline: false, Language.Zh),
            Outcome(QuestionGroup.OffTopic, covered: false, confidence: 0.1, rank: 0, baseline: false, Language.Zh),
        ], new AnswerThresholds(English: 0.46, Chinese: 0.2));

        Assert.Equal(new AnswerThresholds(0.5, 0.25), report.CalibratedThresholds());
        Assert.Equal(1.0, report.Calibrated(Language.En).OffTopicDeclined);
        Assert.Equal((1, 1), (report.Calibration(Language.Zh).Single(p => p.Threshold == 0.2).Answered, report.Calibration(Language.Zh).Single(p => p.Threshold == 0.2).Right));
        Assert.Equal((2, 2, 2), (report.Score(null).Top1, report.OffTopicDeclined, report.OffTopicCount));

        var single = new EvaluationReport(report.Outcomes, threshold: 0.46);
        Assert.Equal((1, 2), (single.Score(null).Top1, single.OffTopicDeclined));
    }

    [Fact]
    public void LeadingPassage_CountsTheRightFirstAnswersWhoseFirstPassageStatesTheFacts()
    {
        var report = new EvaluationReport(
        [
            Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 1, baseline: false, facts: 2, leadFacts: 2),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 1, baseline: false, facts: 2, leadFacts: 1),
            Outcome(QuestionGroup.Zh, covered: true, confidence: 0.9, rank: 1, baseline: false, facts: 1, leadFacts: 0),
            Outcome(QuestionGroup.En, covered: true, confidence: 0.9, rank: 2, baseline: false, facts: 1, leadFacts: 1), // not right first
            Outcome(QuestionGroup.En, covered: true, confidence: 0.3, rank: 1, baseline: false, facts: 1, leadFacts: 1), // declined
        ], threshold: 0.5);

        Assert.Equal(new LeadingPassageScore(RightFirst: 3, StatesAFact: 2, StatesAll: 1), report.LeadingPassage);
    }

    private static QuestionOutcome Outcome(QuestionGroup group, bool covered, double confidence, int rank, bool baseline, Language language = Language.En, int facts = 1, int leadFacts = 0) =>
        new(
            new EvaluationQuestion(Guid.NewGuid().ToString(), group, "q", group == QuestionGroup.OffTopic ? [] : [.. Enumerable.Range(0, facts).Select(i => ExpectedFact.Parse($"x{i}"))], [], null, null, [], 1),
            covered,
            confidence,
            Section,
            rank,
            baseline,
            language,
            leadFacts);
}
