using CniBot.Advice;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Advice;

public sealed class PluginMatrixLoaderTests
{
    private const string Doc = "---\nid: calico\ntitle: Calico\nlang: en\n---\n# Calico\n\nIntro.\n\n## Does Calico encrypt?\n\nYes, WireGuard.\n";

    private const string Dimensions = """
        dimensions:
          - { id: encryption, en: Encryption, zh: 加密 }
          - { id: licence, en: Licence, zh: 许可 }
        """;

    private static string Plugin(string id, string encryptionSource = "calico#does-calico-encrypt", string features = "[encryption]") => $$"""
          - id: {{id}}
            name: {{id}}
            clouds: [aws, onprem]
            features: {{features}}
            cells:
              encryption: { en: "WireGuard", zh: "WireGuard", source: "{{encryptionSource}}" }
              licence: { en: "Open source", zh: "开源", source: "https://example.org/licence" }
        """;

    [Fact]
    public void RealMatrix_LoadsWithoutProblems_AndEveryPluginAnswersEveryDimension()
    {
        var knowledge = KnowledgeLoader.Load(Repository.Knowledge);

        Assert.Empty(knowledge.Diagnostics);
        var matrix = knowledge.Advisor;
        Assert.True(matrix.Plugins.Count >= 12, $"{matrix.Plugins.Count} plugins");
        Assert.Contains(matrix.Dimensions, d => d.Id == "fqdn-policy");
        Assert.All(matrix.Plugins, p => Assert.Equal(matrix.Dimensions.Select(d => d.Id).Order(), p.Cells.Keys.Order()));

        // Every cell's source resolves: a real section (which the citation links to) or an https URL.
        foreach (var (plugin, cell) in matrix.Plugins.SelectMany(p => p.Cells.Values.Select(c => (p, c))))
        {
            Assert.True(
                cell.Source.StartsWith("https://", StringComparison.Ordinal) || knowledge.FindSection("en/" + cell.Source) is not null,
                $"{plugin.Id}: {cell.Source}");
            Assert.False(string.IsNullOrWhiteSpace(cell.Text.En) || string.IsNullOrWhiteSpace(cell.Text.Zh), plugin.Id);
        }

        // The issue's list of plugins, each findable by a name people type.
        foreach (var name in new[] { "flannel", "calico", "calico enterprise", "cilium", "aws vpc cni", "azure cni", "azure cni overlay", "azure cni powered by cilium", "gke dataplane v2", "terway", "antrea", "multus" })
        {
            Assert.True(matrix.Find(name) is not null, name);
        }
    }

    [Fact]
    public void Problems_AreReportedWithPathAndLine_AndTheBrokenMatrixIsLeftOut()
    {
        using var kb = new TempFolder()
            .With("en/calico.md", Doc)
            .With("plugins.yaml", $"{Dimensions}\nplugins:\n{Plugin("calico", "calico#no-such-section", "[encryption, teleport]")}\n  - id: half\n    name: Half\n    clouds: [mars]\n    cells:\n      licence: {{ en: x, zh: x, source: \"https://example.org\" }}\n");

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Empty(knowledge.Advisor.Plugins);
        var problems = knowledge.Diagnostics.Select(d => d.ToString()).ToArray();
        Assert.Contains(problems, p => p.EndsWith("plugins.yaml:10: plugin 'calico', 'encryption': source 'calico#no-such-section' is neither a knowledge section (id#anchor) nor an https URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("plugins.yaml:5: plugin 'calico': unknown feature 'teleport'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("plugins.yaml:12: plugin 'half': unknown cloud 'mars'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("plugins.yaml:12: plugin 'half' has no cell for 'encryption'", StringComparison.Ordinal));
    }

    [Fact]
    public void RuleProblems_AreReportedWithPathAndLine()
    {
        using var kb = new TempFolder()
            .With("en/calico.md", Doc)
            .With("plugins.yaml", $"{Dimensions}\nplugins:\n{Plugin("calico")}\n")
            .With("rules.yaml", "rules:\n  - id: ok\n    severity: warning\n    when: { plugins: [calico] }\n    en: x\n    zh: x\n    source: calico#does-calico-encrypt\n  - id: bad\n    severity: fatal\n    when: { plugins: [weave], clouds: [mars] }\n    en: x\n    zh: x\n    source: nowhere\n");

        var knowledge = KnowledgeLoader.Load(kb.Root);

        var problems = knowledge.Diagnostics.Select(d => d.ToString()).ToArray();
        Assert.Contains(problems, p => p.EndsWith("rules.yaml:8: rule 'bad': severity must be info, warning or unsupported", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("rules.yaml:8: rule 'bad': unknown plugin 'weave'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("rules.yaml:8: rule 'bad': unknown cloud or need 'mars'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("rules.yaml:8: rule 'bad': source 'nowhere' is neither a knowledge section (id#anchor) nor an https URL", StringComparison.Ordinal));
        Assert.Empty(knowledge.Advisor.Plugins);
    }

    [Fact]
    public void InvalidYaml_IsReportedWithItsLine()
    {
        using var kb = new TempFolder()
            .With("en/calico.md", Doc)
            .With("plugins.yaml", $"{Dimensions}\nplugins:\n  - id: calico\n    name: [unclosed\n");

        var knowledge = KnowledgeLoader.Load(kb.Root);

        var problem = Assert.Single(knowledge.Diagnostics);
        Assert.EndsWith("plugins.yaml", problem.Path, StringComparison.Ordinal);
        Assert.True(problem.Line >= 6, problem.ToString());
    }

    [Fact]
    public void Reload_WithABrokenMatrix_KeepsServingTheLastGoodOne()
    {
        using var kb = new TempFolder()
            .With("en/calico.md", Doc)
            .With("plugins.yaml", $"{Dimensions}\nplugins:\n{Plugin("calico")}\n");
        var good = KnowledgeLoader.Load(kb.Root);
        Assert.Equal(["calico"], good.Advisor.Plugins.Select(p => p.Id));

        kb.With("plugins.yaml", $"{Dimensions}\nplugins:\n{Plugin("calico", "calico#gone")}\n");
        var reloaded = KnowledgeLoader.Load(kb.Root, previous: good);

        Assert.Contains(reloaded.Diagnostics, d => d.Message.Contains("calico#gone", StringComparison.Ordinal));
        Assert.Same(good.Advisor, reloaded.Advisor);
    }

    [Fact]
    public void NoMatrixFile_MeansNoAdvisor_AndNoProblem()
    {
        using var kb = new TempFolder().With("en/calico.md", Doc);

        var knowledge = KnowledgeLoader.Load(kb.Root);

        Assert.Empty(knowledge.Diagnostics);
        Assert.Same(PluginMatrix.Empty, knowledge.Advisor);
    }
}
