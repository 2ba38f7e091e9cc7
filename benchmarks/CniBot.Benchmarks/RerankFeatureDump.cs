using System.Globalization;
using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Benchmarks;

/// <summary>
/// Writes, for every question of an evaluation set, each candidate section re-ranking weighed with its features and
/// whether it answers the question (1), does not (0) or the question is off topic (-1): the input of
/// <c>benchmarks/fit-rerank.py</c>, which fits <see cref="RerankFeatures.Weights"/>. The knowledge is the
/// repository's unless another folder is given (<c>benchmarks/blind-replay.py --features</c> gives each blind batch
/// the knowledge it was collected against).
/// </summary>
internal static class RerankFeatureDump
{
    public static void Run(string set, TextWriter output, string? knowledgeFolder = null)
    {
        var knowledge = KnowledgeLoader.Load(knowledgeFolder ?? Paths.Knowledge);
        var questions = QuestionSetLoader.Load(set, []);
        using var index = LuceneKnowledgeIndex.Build(knowledge, new SearchOptions { AnswerCacheEntries = 0 });
        output.WriteLine("id\tgroup\tlabel\tsection\t" + string.Join('\t', RerankFeatures.Names));
        foreach (var question in questions)
        {
            if (!question.OffTopic && !knowledge.Sections.Any(s => question.IsAnsweredBy(s, knowledge)))
            {
                continue; // not covered: no candidate can be right, so it says nothing about the weights
            }

            foreach (var (section, features) in index.RerankCandidates(question.Question))
            {
                var label = question.OffTopic ? -1 : question.IsAnsweredBy(knowledge.Sections[section], knowledge) ? 1 : 0;
                output.WriteLine(string.Join('\t', [question.Id, question.Group.ToString(), label.ToString(CultureInfo.InvariantCulture), knowledge.Sections[section].Citation,
                    .. features.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]));
            }
        }
    }
}
