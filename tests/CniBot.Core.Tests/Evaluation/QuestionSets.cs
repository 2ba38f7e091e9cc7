using System.Globalization;
using CniBot.Evaluation;
using CniBot.Knowledge;
using Xunit.Abstractions;

namespace CniBot.Tests.Evaluation;

/// <summary>The question sets of TestData/Evaluation, and a readable account of a run for the test output.</summary>
internal static class QuestionSets
{
    public static IReadOnlyList<EvaluationQuestion> Load(string file)
    {
        var problems = new List<KnowledgeDiagnostic>();
        var questions = QuestionSetLoader.Load(TestFiles.Path("Evaluation", file), problems);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        return questions;
    }

    public static void Write(ITestOutputHelper output, EvaluationReport report)
    {
        foreach (var group in report.Groups)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Name}: {group.Questions} questions, {group.Covered} covered; top-1 {group.Top1Rate:P1}, top-3 {group.Top3Rate:P1}, baseline top-1 {group.BaselineTop1Rate:P1}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"off-topic declined {report.OffTopicDeclined}/{report.OffTopicCount}"));
        foreach (var miss in report.Misses)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MISS [{miss.Question.Group}] {miss.Question.Id}: {miss.Question.Question.ReplaceLineEndings(" ")}\n     got {miss.Top?.Citation ?? "nothing"} ({miss.Confidence:0.00}), right at #{miss.RightRank}"));
        }
    }
}
