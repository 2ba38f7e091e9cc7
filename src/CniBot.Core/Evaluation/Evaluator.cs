using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Evaluation;

/// <summary>
/// Runs a question set through CniBot's own search (the same index and query code as chat) and through the
/// <see cref="NaiveBaseline"/> in the same run, and scores both.
/// </summary>
/// <remarks>
/// The index is built with the answer threshold at zero, so that every question yields its best sections and their
/// confidence; whether chat would answer is then the configured threshold applied to that confidence (the search
/// decides on exactly that comparison, which a test holds). That one run also gives precision and recall at every
/// other threshold, from which the threshold is chosen.
/// </remarks>
public static class Evaluator
{
    /// <summary>How many sections count for "top-3".</summary>
    public const int Depth = 3;

    public static EvaluationReport Run(KnowledgeBase knowledge, IReadOnlyList<EvaluationQuestion> questions, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(questions);
        var configured = options ?? new SearchOptions();
        var unthresholded = configured.Clone();
        unthresholded.MinConfidence = 0;
        unthresholded.MinConfidenceZh = 0;
        unthresholded.AnswerCacheEntries = 0;

        using var index = LuceneKnowledgeIndex.Build(knowledge, unthresholded);
        using var baseline = new NaiveBaseline(knowledge);
        var outcomes = new List<QuestionOutcome>(questions.Count);
        foreach (var question in questions)
        {
            var result = index.Search(question.Question, Depth);
            var covered = !question.OffTopic && knowledge.Sections.Any(s => question.IsAnsweredBy(s, knowledge));
            var rank = 0;
            for (var i = 0; i < result.Hits.Count; i++)
            {
                if (question.IsAnsweredBy(result.Hits[i].Section, knowledge))
                {
                    rank = i + 1;
                    break;
                }
            }

            var baselineTop = baseline.Answer(question.Question);
            outcomes.Add(new QuestionOutcome(
                question,
                covered,
                result.Hits.Count > 0 ? result.Confidence : 0,
                result.Hits.Count > 0 ? result.Hits[0].Section : null,
                rank,
                baselineTop is not null && question.IsAnsweredBy(baselineTop, knowledge),
                result.Language,
                result.Hits.Count > 0 ? question.FactsIn(result.Hits[0].Answer) : 0));
        }

        return new EvaluationReport(outcomes, configured.Thresholds);
    }
}

/// <summary>
/// What happened to one question: whether the knowledge holds its answer at all (<see cref="Covered"/>), the
/// confidence and best section CniBot found, the rank (1-based, 0 for none) of the first right section among the
/// top three, whether the naive baseline's best section was right, and the language the search took the question
/// to be in (which decides its threshold), and how many of the expected facts the passage the best section's answer
/// leads with states (<see cref="LeadFacts"/>: the line a card shows first, with the list or table it introduces).
/// </summary>
public sealed record QuestionOutcome(
    EvaluationQuestion Question,
    bool Covered,
    double Confidence,
    KnowledgeSection? Top,
    int RightRank,
    bool BaselineRight,
    Language Language = Language.En,
    int LeadFacts = 0)
{
    public bool AnsweredAt(double threshold) => Top is not null && Confidence >= threshold;

    public bool AnsweredAt(AnswerThresholds thresholds) => AnsweredAt(thresholds.For(Language));

    public bool RightAt(double threshold, int depth = 1) => AnsweredAt(threshold) && RightRank is > 0 && RightRank <= depth;

    public bool RightAt(AnswerThresholds thresholds, int depth = 1) => RightAt(thresholds.For(Language), depth);
}
