using CniBot.Knowledge;
using CniBot.Search;
using CniBot.Search.Analysis;

namespace CniBot.Tests.Search;

public sealed class PassageIndexWriterTests
{
    [Fact]
    public void ConceptTokens_StandForEveryOccurrence_InEitherLanguage()
    {
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);
        var glossary = Glossary.Load("- en: [MTU, maximum transmission unit]\n  zh: [最大传输单元]\n- en: [packet loss]\n  zh: [丢包]", "g.yaml", new List<KnowledgeDiagnostic>());
        var matcher = new GlossaryMatcher(glossary, t => TextTokens.Of(analyzer, t));

        Assert.Equal("c0 c0 c1 c1", PassageIndexWriter.ConceptTokens("The MTU (最大传输单元) explains packet loss, 丢包.", matcher, analyzer));
        Assert.Equal(string.Empty, PassageIndexWriter.ConceptTokens("nothing here", matcher, analyzer));
    }
}
