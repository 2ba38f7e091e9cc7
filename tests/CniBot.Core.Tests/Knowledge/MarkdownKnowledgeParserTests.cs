using CniBot.Knowledge;

namespace CniBot.Tests.Knowledge;

public sealed class MarkdownKnowledgeParserTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestFiles.Path("Parse"), "*.expected").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_MatchesExpectedSectionsAndDiagnostics(string name)
    {
        var path = $"knowledge/en/{name}.md";
        var diagnostics = new List<KnowledgeDiagnostic>();

        var document = MarkdownKnowledgeParser.Parse(TestFiles.Read("Parse", name + ".md"), path, diagnostics);

        var actual = new List<string>
        {
            document is null ? "no document" : $"document {document.Id} {document.Language.Code()} {document.Title}",
        };
        actual.AddRange(document?.Sections.Select(s => $"section {s.Line} {s.Level} #{s.Anchor} | {string.Join(" > ", s.HeadingPath)}") ?? []);
        actual.AddRange(diagnostics.Select(d => $"diagnostic {d.Line}: {d.Message}"));
        Assert.All(diagnostics, d => Assert.Equal(path, d.Path));

        var expected = TestFiles.Read("Parse", name + ".expected").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.True(expected.Length == actual.Count, $"expected:\n{string.Join("\n", expected)}\nactual:\n{string.Join("\n", actual)}");
        for (var i = 0; i < expected.Length; i++)
        {
            // A trailing '*' stands for the rest of a message that comes from a library (YamlDotNet's wording).
            if (expected[i].EndsWith('*'))
            {
                Assert.True(actual[i].StartsWith(expected[i][..^1], StringComparison.Ordinal), actual[i]);
            }
            else
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }
    }

    [Fact]
    public void Parse_KeepsMarkdownAndPlainTextOfEachSection()
    {
        var document = MarkdownKnowledgeParser.Parse(TestFiles.Read("Parse", "sections.md"), "knowledge/en/sections.md", new List<KnowledgeDiagnostic>())!;

        var mtu = document.Sections.Single(s => s.Anchor == "which-mtu-should-calico-vxlan-use");
        Assert.Equal("Body with `code` and a [link](https://example.com).", mtu.Markdown);
        Assert.Equal("Body with code and a link.", mtu.PlainText);

        var duplicate = document.Sections.Single(s => s.Anchor == "ports-tcpudp--vxlanmtu-1");
        Assert.Contains("ping -M do -s 1422 10.0.0.2", duplicate.PlainText, StringComparison.Ordinal);
        Assert.Equal("knowledge/en/sections.md#ports-tcpudp--vxlanmtu-1", duplicate.Citation);
        Assert.Equal(["a", "b"], document.Tags);
        Assert.Equal(new DateOnly(2026, 11, 25), document.Updated);
        Assert.Equal(Enumerable.Range(0, document.Sections.Count), document.Sections.Select(s => s.Ordinal));
    }
}
