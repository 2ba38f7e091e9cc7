using CniBot.Knowledge;
using CniBot.Search;
using CniBot.Search.Analysis;

namespace CniBot.Tests.Search;

public sealed class GlossaryMatcherTests
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
        - en: [default deny, deny all]
          zh: [默认拒绝]
        """;

    private static readonly CniAnalyzer Analyzer = new(AnalysisRole.Query);

    private static List<(int Group, string Text)> Find(string text)
    {
        var glossary = Glossary.Load(GlossaryYaml, "glossary.yaml", new List<KnowledgeDiagnostic>());
        var matcher = new GlossaryMatcher(glossary, t => TextTokens.Of(Analyzer, t));
        var tokens = TextTokens.Of(Analyzer, text);
        return matcher.Matches(text, tokens).Select(m => (m.Group, text[tokens[m.Start].Start..tokens[m.End - 1].End])).ToList();
    }

    [Fact]
    public void Term_IsFoundThroughInflectedWords() =>
        Assert.Equal([(1, "packet losses")], Find("Why so many packet losses?"));

    [Fact]
    public void LongerMatch_WinsOverTheShorterTermInsideIt() =>
        Assert.Equal([(2, "across regions"), (4, "VPC peering")], Find("packets dropped across regions over VPC peering"));

    [Fact]
    public void ChineseTerm_IsFoundByItsCharacters_HoweverTheSentenceIsSegmented() =>
        Assert.Equal([0, 1, 2], Find("跨区域丢包严重，最大传输单元该设多少").Select(m => m.Group).Order());

    [Fact]
    public void SynonymsAndTranslations_AreTheSameGroup() =>
        Assert.Equal([0, 0, 0], Find("MTU, maximum transmission unit, 最大传输单元").Select(m => m.Group));

    [Fact]
    public void PhraseLeftWithOneWordByItsStopWords_IsNotMatchedByThatWordAlone()
    {
        Assert.Empty(Find("GitHub Actions: permission denied"));
        Assert.Equal([(5, "default deny")], Find("a default deny policy"));
    }
}
