using CniBot.Search;

namespace CniBot.Evaluation;

/// <summary>
/// The scores of one evaluation run. Top-1 and top-3 are counted over the questions the knowledge covers (some
/// section states every expected fact): a question whose answer the knowledge lacks cannot be answered right by
/// any retrieval, so it is reported as a coverage gap instead. A question only counts as answered when CniBot would
/// answer it at the threshold of its language; a "no good answer" on a covered question is a miss.
/// </summary>
public sealed class EvaluationReport(IReadOnlyList<QuestionOutcome> outcomes, AnswerThresholds thresholds)
{
    /// <summary>A report at one threshold for questions in either language.</summary>
    public EvaluationReport(IReadOnlyList<QuestionOutcome> outcomes, double threshold)
        : this(outcomes, AnswerThresholds.Both(threshold))
    {
    }

    /// <summary>The languages a question can be asked in, each calibrated on its own.</summary>
    public static readonly IReadOnlyList<Language> Languages = [Language.En, Language.Zh];

    /// <summary>The step of the thresholds the calibration tries, from 0 to 1.</summary>
    private const double CalibrationStep = 0.01;

    public IReadOnlyList<QuestionOutcome> Outcomes { get; } = outcomes;

    /// <summary>The answer thresholds the scores are counted at (the configured <c>Search:MinConfidence</c> and
    /// <c>Search:MinConfidenceZh</c>).</summary>
    public AnswerThresholds Thresholds { get; } = thresholds;

    public IEnumerable<QuestionOutcome> OnTopic => Outcomes.Where(o => !o.Question.OffTopic);

    public IEnumerable<QuestionOutcome> OffTopic => Outcomes.Where(o => o.Question.OffTopic);

    /// <summary>The scores of one group, or of every on-topic question when <paramref name="group"/> is null.</summary>
    public GroupScore Score(QuestionGroup? group)
    {
        var of = OnTopic.Where(o => group is null || o.Question.Group == group).ToArray();
        var covered = of.Where(o => o.Covered).ToArray();
        return new GroupScore(
            group?.ToString().ToLowerInvariant() ?? "all",
            of.Length,
            covered.Length,
            covered.Count(o => o.RightAt(Thresholds)),
            covered.Count(o => o.RightAt(Thresholds, Evaluator.Depth)),
            covered.Count(o => o.BaselineRight),
            of.Count(o => !o.Covered && !o.AnsweredAt(Thresholds)));
    }

    public IReadOnlyList<GroupScore> Groups =>
        [Score(QuestionGroup.En), Score(QuestionGroup.Zh), Score(QuestionGroup.Mixed), Score(null)];

    /// <summary>
    /// Of the covered questions answered right first (those with facts), how many lead with a passage that states at
    /// least one of the expected facts, and how many with one that states them all: whether the line an answer starts
    /// with is the line that answers, or the section is right and the fact further down.
    /// </summary>
    public LeadingPassageScore LeadingPassage
    {
        get
        {
            var right = OnTopic.Where(o => o.Covered && o.RightAt(Thresholds) && o.Question.Facts.Count > 0).ToArray();
            return new LeadingPassageScore(right.Length, right.Count(o => o.LeadFacts > 0), right.Count(o => o.LeadFacts == o.Question.Facts.Count));
        }
    }

    public int OffTopicCount => OffTopic.Count();

    public int OffTopicDeclined => OffTopic.Count(o => !o.AnsweredAt(Thresholds));

    /// <summary>Covered questions not answered right at top-1, and off-topic questions that got an answer.</summary>
    public IEnumerable<QuestionOutcome> Misses =>
        Outcomes.Where(o => o.Question.OffTopic ? o.AnsweredAt(Thresholds) : o.Covered && !o.RightAt(Thresholds));

    /// <summary>On-topic questions whose facts no section of the knowledge states: what to write next.</summary>
    public IEnumerable<QuestionOutcome> Uncovered => OnTopic.Where(o => !o.Covered);

    /// <summary>
    /// Precision and recall at every threshold from 0 to 1, over the questions asked in <paramref name="language"/>
    /// (as the search detected it). Precision is the share of answers shown that are right: a wrong section, an answer
    /// to an off-topic question and an answer to a question the knowledge does not cover all count against it. Recall
    /// is top-1 over the covered questions.
    /// </summary>
    public IReadOnlyList<ThresholdPoint> Calibration(Language language)
    {
        var points = new List<ThresholdPoint>();
        var asked = Outcomes.Where(o => o.Language == language).ToArray();
        var covered = asked.Count(o => !o.Question.OffTopic && o.Covered);
        var offTopic = asked.Where(o => o.Question.OffTopic).ToArray();
        for (var step = 0; step * CalibrationStep <= 1 + 1e-9; step++)
        {
            var t = Math.Round(step * CalibrationStep, 2);
            var answered = asked.Count(o => o.AnsweredAt(t));
            var right = asked.Count(o => !o.Question.OffTopic && o.Covered && o.RightAt(t));
            var precision = answered == 0 ? 1 : (double)right / answered;
            var recall = covered == 0 ? 0 : (double)right / covered;
            var declined = offTopic.Length == 0 ? 1 : (double)offTopic.Count(o => !o.AnsweredAt(t)) / offTopic.Length;
            points.Add(new ThresholdPoint(t, answered, right, precision, recall, declined));
        }

        return points;
    }

    /// <summary>
    /// The threshold the development set argues for in one language: the best balance of precision and recall (F1)
    /// among the thresholds that decline at least <see cref="RequiredOffTopicDeclined"/> of the off-topic questions
    /// asked in it (all thresholds when none does); between equal ones the higher threshold, which declines more when
    /// in doubt.
    /// </summary>
    public ThresholdPoint Calibrated(Language language)
    {
        var points = Calibration(language);
        var eligible = points.Where(p => p.OffTopicDeclined >= RequiredOffTopicDeclined - 1e-9).ToArray();
        return (eligible.Length > 0 ? eligible : points).OrderByDescending(p => Math.Round(p.F1, 6)).ThenByDescending(p => p.Threshold).First();
    }

    /// <summary>The thresholds the development set argues for, one per language.</summary>
    public AnswerThresholds CalibratedThresholds() => new(Calibrated(Language.En).Threshold, Calibrated(Language.Zh).Threshold);

    /// <summary>A bot that answers a Kafka question as if it were about CNI loses trust: this many must be declined.</summary>
    public const double RequiredOffTopicDeclined = 0.95;
}

/// <summary>Top-1 and top-3 of one group, over the questions the knowledge covers, and the baseline's top-1.</summary>
public sealed record GroupScore(string Name, int Questions, int Covered, int Top1, int Top3, int BaselineTop1, int UncoveredDeclined)
{
    public double Top1Rate => Covered == 0 ? 0 : (double)Top1 / Covered;

    public double Top3Rate => Covered == 0 ? 0 : (double)Top3 / Covered;

    public double BaselineTop1Rate => Covered == 0 ? 0 : (double)BaselineTop1 / Covered;

    public double CoverageRate => Questions == 0 ? 0 : (double)Covered / Questions;
}

/// <summary>What answering at one threshold would give.</summary>
public sealed record ThresholdPoint(double Threshold, int Answered, int Right, double Precision, double Recall, double OffTopicDeclined)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Of <see cref="RightFirst"/> answers, how many lead with a passage stating one expected fact, and all of them.</summary>
public sealed record LeadingPassageScore(int RightFirst, int StatesAFact, int StatesAll);
