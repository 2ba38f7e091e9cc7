using CniBot.Knowledge;

namespace CniBot.Tests.Knowledge;

public sealed class KnowledgeLinterTests
{
    [Fact]
    public void Lint_ValidBilingualKnowledge_HasNoProblems()
    {
        var knowledge = KnowledgeLoader.Load(TestFiles.Path("Corpus"));
        // The fixture corpus deliberately has one-language documents (qos, weave) for cross-language search tests.
        var problems = KnowledgeLinter.Lint(knowledge);

        Assert.Equal(["en/qos.md", "zh/weave.md"], problems.Select(p => p.Path[(p.Path.IndexOf("Corpus/", StringComparison.Ordinal) + 7)..]));
        Assert.All(problems, p => Assert.Contains("has no", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_ReportsSectionCountMismatchBetweenLanguages()
    {
        using var kb = new TempFolder()
            .With("en/a.md", "---\nid: a\nlang: en\n---\n# A\n\nIntro.\n\n## One\n\nx\n\n## Two\n\ny\n")
            .With("zh/a.md", "---\nid: a\nlang: zh\n---\n# 甲\n\n简介。\n\n## 一\n\n内容\n");

        var problem = Assert.Single(KnowledgeLinter.Lint(KnowledgeLoader.Load(kb.Root)));

        Assert.EndsWith("/zh/a.md", problem.Path, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
        Assert.Contains("has 2 sections in 'zh' but 3", problem.Message, StringComparison.Ordinal);
    }
}
