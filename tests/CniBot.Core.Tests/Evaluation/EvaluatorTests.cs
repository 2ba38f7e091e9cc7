using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void Run_RecordsHowManyFactsTheAnswersLeadingPassageStates()
    {
        // Both questions get the same section, right (it states every fact somewhere), and the same leading passage:
        // its first paragraph, since the question asks nothing beyond the heading. That paragraph states the first
        // question's one fact, and one of the second question's two; the other (4096) is two paragraphs down.
        using var folder = new TempFolder().With(
            "en/flannel.md",
            "---\nid: flannel\nlang: en\n---\n# Flannel\n\n## Which port does flannel VXLAN use?\n\nFlannel's VXLAN backend sends UDP to port 8472 on Linux.\n\nOn Windows the VXLAN port is 4789.\n\nThe Windows VNI must be 4096.\n");
        var knowledge = KnowledgeLoader.Load(folder.Root);
        var questions = QuestionSetLoader.Parse(
            """
            - id: q1
              lang: en
              question: Which port does flannel VXLAN use?
              facts: ['8472']
            - id: q2
              lang: en
              question: Which port does flannel VXLAN use?
              facts: ['8472', '4096']
            """,
            "set.yaml",
            new List<KnowledgeDiagnostic>());

        var report = Evaluator.Run(knowledge, questions);

        Assert.Equal([1, 1], report.Outcomes.Select(o => o.RightRank));
        Assert.Equal([1, 1], report.Outcomes.Select(o => o.LeadFacts));
        Assert.Equal(new LeadingPassageScore(RightFirst: 2, StatesAFact: 2, StatesAll: 1), report.LeadingPassage);
    }

    [Fact]
    public void FactsIn_ReadsAPassageAsShown_ACodeBlockWithItsCode_ATableRowWithItsHeader()
    {
        var question = new EvaluationQuestion("q", QuestionGroup.En, "q", [ExpectedFact.Parse("scheduler: \"sh\""), ExpectedFact.Parse("1430")], [], null, null, [], 1);
        var code = new KnowledgePassage { Ordinal = 0, Kind = PassageKind.Code, Line = 1, Body = RichText.Plain("Set the block below:"), Code = "ipvs:\n  scheduler: \"sh\"" };
        var row = new KnowledgePassage { Ordinal = 1, Kind = PassageKind.TableRow, Line = 2, Body = RichText.Empty, Header = [RichText.Plain("Mode"), RichText.Plain("MTU")], Cells = [RichText.Plain("VXLAN (IPv6)"), RichText.Plain("1430")] };

        Assert.Equal(1, question.FactsIn([AnswerPassage.Of(code)]));
        Assert.Equal(2, question.FactsIn([AnswerPassage.Of(code), AnswerPassage.Of(row)]));
    }
}
