using CniBot.Knowledge;
using CniBot.Loading;

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

    [Fact]
    public void Lint_ReportsLinksThatLeadNowhere_WithTheirLine()
    {
        const string en = "---\nid: a\nlang: en\n---\n# A\n\n## One\n\nSee [two](#two), [b](b.md#bee), [web](https://example.com/x) and [mail](mailto:a@example.com).\n\n"
            + "## Two\n\nOld [anchor](b.md#gone) and a [template](%7BD%7D).\n\n| k | v |\n|---|---|\n| x | [cell](c.md) |\n";
        using var kb = new TempFolder()
            .With("en/a.md", en)
            .With("zh/a.md", "---\nid: a\nlang: zh\n---\n# 甲\n\n## 一\n\n见[乙](b.md#乙节)。\n\n## 二\n\n内容\n")
            .With("en/b.md", "---\nid: b\nlang: en\n---\n# B\n\n## Bee\n\nx\n")
            .With("zh/b.md", "---\nid: b\nlang: zh\n---\n# 乙\n\n## 乙节\n\n内容\n");

        var problems = KnowledgeLinter.Lint(KnowledgeLoader.Load(kb.Root));

        Assert.True(problems.Count == 3, string.Join("\n", problems.Select(p => $"{p.Path}:{p.Line}: {p.Message}")));
        Assert.All(problems, p => Assert.EndsWith("/en/a.md", p.Path, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("'b.md#gone'", StringComparison.Ordinal) && p.Message.Contains("no section with anchor 'gone'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("no knowledge document at", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 17 && p.Message.Contains("'c.md'", StringComparison.Ordinal));
    }
}
