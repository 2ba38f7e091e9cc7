using System.Globalization;
using CniBot.Knowledge;
using CniBot.Search;
using Xunit.Abstractions;

namespace CniBot.Tests.Evaluation;

/// <summary>
/// The real search over the real <c>knowledge/</c> folder, scored on TestData/Evaluation/questions.txt:
/// top-1 accuracy for knowledge questions, rejection rate for off-topic ones, and whether answers come in the
/// question's language. Misses are written to the test output so maintainers see what to improve.
/// </summary>
public sealed class KnowledgeEvaluationTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.90;
    private const double RequiredRejection = 0.90;

    [Fact]
    public void RealKnowledge_IsValid()
    {
        var problems = KnowledgeLinter.Lint(KnowledgeLoader.Load(RepositoryKnowledge()));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void RealKnowledge_AnswersTheEvaluationSet()
    {
        var knowledge = KnowledgeLoader.Load(RepositoryKnowledge());
        using var index = LuceneKnowledgeIndex.Build(knowledge);
        var cases = Load();
        var onTopic = cases.Where(c => c.Kind != "offtopic").ToArray();
        var offTopic = cases.Where(c => c.Kind == "offtopic").ToArray();
        var anchors = knowledge.Sections.Where(s => s.Language == Language.En).Select(s => $"{s.DocumentId}#{s.Anchor}").ToHashSet();
        Assert.All(onTopic.SelectMany(c => c.Expected).Where(e => !e.EndsWith('*')), e => Assert.Contains(e, anchors));

        int correct = 0, inLanguage = 0, rejected = 0;
        var misses = new List<string>();
        foreach (var item in onTopic)
        {
            var result = index.Search(item.Question);
            var top = result.Answered ? result.Hits[0].Section : null;
            var english = top is null ? null : top.Language == Language.En ? top : knowledge.Counterpart(top);
            var key = english is null ? "(no answer)" : $"{english.DocumentId}#{english.Anchor}";
            if (english is not null && item.Expected.Any(e => e.EndsWith('*') ? key.StartsWith(e[..^1], StringComparison.Ordinal) : key == e))
            {
                correct++;
            }
            else
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"MISS {item.Kind}: {item.Question}\n     got {key} (confidence {result.Confidence:0.00})"));
            }

            if (top is not null && top.Language == LanguageExtensions.Detect(item.Question))
            {
                inLanguage++;
            }
        }

        foreach (var item in offTopic)
        {
            var result = index.Search(item.Question);
            if (!result.Answered)
            {
                rejected++;
            }
            else
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"ANSWERED off-topic: {item.Question}\n     with {result.Hits[0].Section.Key} (confidence {result.Confidence:0.00})"));
            }
        }

        var accuracy = (double)correct / onTopic.Length;
        var rejection = (double)rejected / offTopic.Length;
        var languageMatch = (double)inLanguage / onTopic.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"top-1 accuracy {correct}/{onTopic.Length} = {accuracy:P1}; off-topic rejection {rejected}/{offTopic.Length} = {rejection:P1}; answers in the question's language {inLanguage}/{onTopic.Length} = {languageMatch:P1}"));
        foreach (var kind in new[] { "en", "zh", "mixed" })
        {
            var ofKind = onTopic.Count(c => c.Kind == kind);
            var missed = misses.Count(m => m.StartsWith($"MISS {kind}:", StringComparison.Ordinal));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}: {ofKind - missed}/{ofKind}"));
        }

        misses.ForEach(output.WriteLine);
        Assert.True(accuracy >= RequiredAccuracy, $"top-1 accuracy {accuracy:P1} < {RequiredAccuracy:P0}\n{string.Join('\n', misses)}");
        Assert.True(rejection >= RequiredRejection, $"off-topic rejection {rejection:P1} < {RequiredRejection:P0}\n{string.Join('\n', misses)}");
        Assert.True(languageMatch >= RequiredAccuracy, $"answers in the question's language {languageMatch:P1} < {RequiredAccuracy:P0}");
    }

    internal static string RepositoryKnowledge() => Repository.Knowledge;

    private static List<EvaluationCase> Load()
    {
        var cases = new List<EvaluationCase>();
        foreach (var raw in TestFiles.Read("Evaluation", "questions.txt").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var arrow = line.LastIndexOf(" => ", StringComparison.Ordinal);
            cases.Add(new EvaluationCase(
                line[..colon],
                line[(colon + 1)..arrow].Trim(),
                line[(arrow + 4)..].Split(" | ", StringSplitOptions.TrimEntries)));
        }

        return cases;
    }

    private sealed record EvaluationCase(string Kind, string Question, string[] Expected);
}
