namespace CniBot.Tests.Commands;

public sealed class LintCommandTests
{
    [Fact]
    public void Lint_ValidKnowledge_Exits0()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "lint", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        Assert.StartsWith("ok: 2 documents", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_BrokenFile_PrintsPathLineMessage_AndExits1()
    {
        using var folder = new TempFolder()
            .With("knowledge/en/good.md", "---\nid: good\nlang: en\n---\n# Good\n\nText.\n")
            .With("knowledge/zh/good.md", "---\nid: good\nlang: zh\n---\n# 好\n\n正文。\n")
            .With("knowledge/en/broken.md", "---\nid: broken\nlang: en\n---\n# Broken\n\nText.\n\n## Empty\n")
            .With("knowledge/zh/broken.md", "---\nid: broken\nlang: zh\ntitle: [oops\n---\n# 坏\n\n正文。\n");

        var (exit, output, error) = CliRunner.Run(folder.Root, "lint", "--knowledge", "knowledge");

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.EndsWith("knowledge/en/broken.md:9: empty section 'Empty': add text under the heading or remove it", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("knowledge/zh/broken.md:4: invalid YAML in front matter", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^[^:]+\.md:\d+: .+", l));
        Assert.Contains("problem(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_UncheckedOrStaleDocument_IsAWarning_ThatDoesNotFail()
    {
        using var folder = new TempFolder()
            .With("kb/en/old.md", "---\nid: old\nlang: en\nupdated: 2020-01-01\n---\n# Old\n\nText.\n")
            .With("kb/zh/old.md", "---\nid: old\nlang: zh\nupdated: 2020-01-01\napplies_to: [\"Calico 3.31\"]\n---\n# 旧\n\n正文。\n");

        var (exit, output, _) = CliRunner.Run(folder.Root, "lint", "--knowledge", "kb");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.EndsWith("kb/en/old.md:2: warning: no 'applies_to': say which releases this was checked against, for example applies_to: [\"Calico 3.31\"]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("kb/zh/old.md:2: warning: last checked 2020-01-01, more than 12 months ago: check it against the current documentation", StringComparison.Ordinal));
        Assert.StartsWith("ok (3 warning(s)): 2 documents", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MissingTranslation_IsAProblem()
    {
        using var folder = new TempFolder().With("kb/en/only.md", "---\nid: only\nlang: en\n---\n# Only\n\nText.\n");

        var (exit, output, _) = CliRunner.Run(folder.Root, "lint", "--knowledge", "kb");

        Assert.Equal(1, exit);
        Assert.Contains(output.Split('\n'), l => l.EndsWith("kb/en/only.md:2: document 'only' has no 'zh' version", StringComparison.Ordinal));
    }
}
