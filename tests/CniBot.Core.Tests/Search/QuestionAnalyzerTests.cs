using CniBot.Knowledge;
using CniBot.Search;
using CniBot.Search.Analysis;

namespace CniBot.Tests.Search;

public sealed class QuestionAnalyzerTests
{
    private const string GlossaryYaml = """
        - en: [MTU, maximum transmission unit]
          zh: [最大传输单元]
        - en: [packet loss, dropped packets]
          zh: [丢包]
        - en: [cross-region, across regions]
          zh: [跨区域]
        - en: [region]
          zh: [区域, 地域]
        - en: [VPC peering]
          zh: [对等连接]
        """;

    [Fact]
    public void GlossaryTerm_IsFoundThroughInflectedWords_AndBringsItsTranslations()
    {
        var concepts = Analyzer().Concepts("Why so many packet losses?");

        var loss = Assert.Single(concepts, c => c.GlossaryGroup == 1);
        Assert.Equal("packet losses", loss.Text);
        Assert.Contains(loss.Forms, f => string.Concat(f.Positions.Select(p => p[0])) == "丢包");
        Assert.Contains(loss.Forms, f => f.Positions.Length == 2 && f.Positions[0].Contains("drop"));
    }

    [Fact]
    public void LongerMatch_WinsOverTheShorterTermInsideIt()
    {
        var concepts = Analyzer().Concepts("packets dropped across regions over VPC peering");

        Assert.Contains(concepts, c => c.GlossaryGroup == 2 && c.Text == "across regions");
        Assert.DoesNotContain(concepts, c => c.GlossaryGroup == 3);
        Assert.Contains(concepts, c => c.GlossaryGroup == 4 && c.Text == "VPC peering");
    }

    [Fact]
    public void ChineseTerm_IsFoundByItsCharacters_HoweverTheSentenceIsSegmented()
    {
        var concepts = Analyzer().Concepts("跨区域丢包严重，最大传输单元该设多少");

        Assert.Equal([0, 1, 2], concepts.Where(c => c.GlossaryGroup >= 0).Select(c => c.GlossaryGroup).Order());
        Assert.Contains(concepts, c => c.GlossaryGroup == 0 && c.Text == "最大传输单元");
    }

    [Fact]
    public void SameTermTwice_IsOneConcept_AndOtherWordsStayConceptsOfTheirOwn()
    {
        var concepts = Analyzer().Concepts("MTU for Calico, and which MTU for Cilium?");

        Assert.Single(concepts, c => c.GlossaryGroup == 0);
        Assert.Contains(concepts, c => c.GlossaryGroup < 0 && c.Text == "Calico");
        Assert.Contains(concepts, c => c.GlossaryGroup < 0 && c.Text == "Cilium");
    }

    [Fact]
    public void QuestionWithoutGlossaryTerms_GivesOneConceptPerWord()
    {
        var concepts = Analyzer().Concepts("Hubble relay port");

        Assert.Equal(["Hubble", "relay", "port"], concepts.Select(c => c.Text));
        Assert.All(concepts, c => Assert.Equal(-1, c.GlossaryGroup));
    }

    private static QuestionAnalyzer Analyzer()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();
        var glossary = Glossary.Load(GlossaryYaml, "glossary.yaml", diagnostics);
        Assert.Empty(diagnostics);
        return new QuestionAnalyzer(new CniAnalyzer(AnalysisRole.Query), glossary);
    }
}
