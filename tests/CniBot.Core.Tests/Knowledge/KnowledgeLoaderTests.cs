using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    private static string Doc(string id, string lang, string body = "## Heading\n\nText.\n") =>
        $"---\nid: {id}\ntitle: {id}\nlang: {lang}\n---\n# {id}\n\nIntro.\n\n{body}";

    [Fact]
    public void Load_BrokenFile_IsReportedWithPathAndLine_AndTheRestStillLoads()
    {
        using var kb = new TempFolder()
            .With("en/good.md", Doc("good", "en"))
            .With("en/broken.md", "---\nid: broken\nlang: en\ntags: {a\n---\n# Broken\n\nText.\n")
            .With("zh/good.md", Doc("good", "zh"));

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Equal(["en/good", "zh/good"], knowledge.Documents.Select(d => $"{d.Language.Code()}/{d.Id}").Order());
        var problem = Assert.Single(knowledge.Diagnostics);
        Assert.EndsWith("/en/broken.md", problem.Path, StringComparison.Ordinal);
        Assert.Equal(4, problem.Line);
        Assert.Matches(@"^.+/en/broken\.md:4: invalid YAML", problem.ToString());
    }

    [Fact]
    public void Load_DuplicateIdInOneLanguage_KeepsTheFirstAndNamesIt()
    {
        using var kb = new TempFolder()
            .With("en/a.md", Doc("same", "en"))
            .With("en/b.md", Doc("same", "en"))
            .With("zh/c.md", Doc("same", "zh"));

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Equal(2, knowledge.Documents.Count);
        var problem = Assert.Single(knowledge.Diagnostics);
        Assert.EndsWith("/en/b.md", problem.Path, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
        Assert.Contains("duplicate id 'same'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("/en/a.md", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LanguageThatContradictsItsFolder_IsRejected()
    {
        using var kb = new TempFolder().With("en/wrong.md", Doc("wrong", "zh"));

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Empty(knowledge.Documents);
        Assert.Contains("does not match the folder 'en/'", Assert.Single(knowledge.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SkipsReadmeFiles_AndReadsTheGlossary()
    {
        using var kb = new TempFolder()
            .With("README.md", "# For maintainers\n")
            .With("en/a.md", Doc("a", "en"))
            .With("glossary.yaml", "- en: [MTU]\n  zh: [最大传输单元]\n");

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Empty(knowledge.Diagnostics);
        Assert.Single(knowledge.Documents);
        Assert.Equal(["MTU", "最大传输单元"], Assert.Single(knowledge.Glossary.Groups).Terms);
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => KnowledgeLoader.Load(Path.Combine(Path.GetTempPath(), "cnibot-no-such-folder")));
    }

    [Fact]
    public void Load_PathsAreRelativeToTheRepositoryRoot()
    {
        using var repo = new TempFolder().With("CniBot.sln", string.Empty).With("knowledge/en/a.md", Doc("a", "en"));

        var knowledge = KnowledgeLoader.Load(Path.Combine(repo.Root, "knowledge"));

        Assert.Equal("knowledge/en/a.md", Assert.Single(knowledge.Documents).Path);
        Assert.Equal("knowledge/en/a.md#heading", knowledge.Sections.Single(s => s.Heading == "Heading").Citation);
    }

    [Fact]
    public void Counterpart_IsTheSameSectionInTheOtherLanguage()
    {
        using var kb = new TempFolder()
            .With("en/a.md", Doc("a", "en", "## First\n\nOne.\n\n## Second\n\nTwo.\n"))
            .With("zh/a.md", Doc("a", "zh", "## 第一\n\n一。\n\n## 第二\n\n二。\n"));

        var knowledge = KnowledgeLoader.Load(kb.Root);
        var second = knowledge.Sections.Single(s => s.Heading == "Second");

        Assert.Equal("第二", knowledge.Counterpart(second)?.Heading);
        Assert.Equal("Second", knowledge.Counterpart(knowledge.Counterpart(second)!)?.Heading);
    }
}
