using CniBot.Knowledge;

namespace CniBot.Tests.Knowledge;

public sealed class GlossaryTests
{
    [Fact]
    public void Load_ReadsGroupsOfBothLanguages()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();

        var glossary = Glossary.Load("- en: [MTU, maximum transmission unit]\n  zh: [最大传输单元]\n- en: [IPIP, IP-in-IP]\n", "g.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(2, glossary.Groups.Count);
        Assert.Equal(["MTU", "maximum transmission unit"], glossary.Groups[0].En);
        Assert.Equal(["最大传输单元"], glossary.Groups[0].Zh);
        Assert.Equal(3, glossary.Groups[1].Line);
    }

    [Fact]
    public void Load_ReadsGroupsOfNeighbouringFields_WithOneTermEnough()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();

        var glossary = Glossary.Load("- en: [MTU, maximum transmission unit]\n- en: [Grafana]\n  outside: true\n", "g.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.False(glossary.Groups[0].Outside);
        Assert.True(glossary.Groups[1].Outside);
        Assert.Equal(["Grafana"], glossary.Groups[1].En);
    }

    [Fact]
    public void Load_ReadsTheVocabularyANeighbouringFieldShares_AndResolvesItToConceptGroups()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();

        var glossary = Glossary.Load("- en: [monitoring, monitor]\n  zh: [监控]\n- en: [MTU, maximum transmission unit]\n- en: [Prometheus]\n  outside: true\n  near: [Monitoring]\n", "g.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(["Monitoring"], glossary.Groups[2].Near);
        Assert.Equal([0], glossary.NearGroups(2));
        Assert.Empty(glossary.NearGroups(1));
    }

    [Fact]
    public void Load_ReadsWhichConceptsAreEverydayWords()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();

        var glossary = Glossary.Load("- en: [open, allow]\n  zh: [放行]\n  everyday: true\n- en: [MTU, maximum transmission unit]\n- en: [a, b]\n  everyday: false\n", "g.yaml", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal([true, false, false], glossary.Groups.Select(g => g.Everyday));
    }

    [Theory]
    [InlineData("- en: [a, b]\n  everyday: often\n", 2, "'everyday' must be true or false")]
    [InlineData("- en: [X]\n  outside: true\n  everyday: true\n", 1, "an outside group makes no concept")]
    [InlineData("- en: [a, b]\n  near: [a]\n", 1, "only a group with 'outside: true' has one")]
    [InlineData("- en: [a, b]\n- en: [X]\n  outside: true\n  near: [c]\n", 2, "near term 'c' is no term of a glossary group")]
    [InlineData("- en: [a, b]\n- en: [X]\n  outside: true\n  near: [X]\n", 2, "near term 'X' is no term of a glossary group")]
    [InlineData("en: [a]\n", 1, "the glossary must be a list")]
    [InlineData("- en: [a]\n  outside: maybe\n", 2, "'outside' must be true or false")]
    [InlineData("- en: [a]\n  fr: [b]\n", 2, "unknown glossary key 'fr'")]
    [InlineData("- en: [MTU]\n", 1, "at least two terms")]
    [InlineData("- en: [a, b]\n- en: {x: y}\n", 2, "'en' must be a list of terms")]
    [InlineData("- en: [a, b\n", 1, "invalid YAML in glossary")]
    public void Load_ReportsProblemsByLine(string yaml, int line, string message)
    {
        var diagnostics = new List<KnowledgeDiagnostic>();

        Glossary.Load(yaml, "knowledge/glossary.yaml", diagnostics);

        var problem = Assert.Single(diagnostics);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }
}
