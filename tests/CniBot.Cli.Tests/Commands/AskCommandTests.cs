using System.Text.Json;

namespace CniBot.Tests.Commands;

public sealed class AskCommandTests
{
    [Fact]
    public void Ask_Json_HasTheDocumentedShape_ForAChineseQuestion()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "ask", "Calico 的 VXLAN MTU 怎么设?", "--json", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Calico 的 VXLAN MTU 怎么设?", root.GetProperty("question").GetString());
        Assert.Equal("zh", root.GetProperty("language").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        var hit = root.GetProperty("hits")[0];
        Assert.Equal("calico", hit.GetProperty("id").GetString());
        Assert.Equal("Calico", hit.GetProperty("title").GetString());
        Assert.Equal("Calico VXLAN 的 MTU 应该设多少？", hit.GetProperty("section").GetString());
        // Relative to the repository root, which holds this test's output folder.
        Assert.EndsWith("/TestData/knowledge/zh/calico.md", hit.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(Path.IsPathRooted(hit.GetProperty("path").GetString()));
        Assert.Equal("calico-vxlan-的-mtu-应该设多少", hit.GetProperty("anchor").GetString());
        Assert.Equal("zh", hit.GetProperty("lang").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.Equal("IPv4 VXLAN 增加 50 字节：在 1500 字节的网络上使用 1450（vxlanMTU）。", hit.GetProperty("answer").GetString());
        Assert.Contains("1450", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal("IPv4 VXLAN 增加 50 字节：在 1500 字节的网络上使用 1450（`vxlanMTU`）。", hit.GetProperty("text").GetString());
        // Chinese is written as UTF-8 text, not as \u escapes.
        Assert.Contains("应该设多少", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_Json_OffTopicQuestion_IsNotAnswered()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "ask", "How do I bake sourdough bread?", "--json", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void Ask_Text_LeadsWithThePassage_ThenTitleAndCitation()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "ask", "Which MTU for Calico VXLAN?", "--top", "1", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        Assert.StartsWith("  IPv4 **VXLAN** adds 50 bytes: on a 1500-byte network use 1450 (`vxlanMTU`).", output, StringComparison.Ordinal);
        Assert.Contains("Calico › Which MTU should Calico VXLAN use?", output, StringComparison.Ordinal);
        Assert.Contains("knowledge/en/calico.md#which-mtu-should-calico-vxlan-use", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_Text_NoAnswer_SaysSoInTheQuestionsLanguage()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "ask", "公司年假怎么申请", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        Assert.Contains("知识库里没有可靠的答案", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("ask", "q", "--top", "0")]
    [InlineData("ask", "q", "--top", "abc")]
    [InlineData("ask", "q", "--bogus")]
    [InlineData("frobnicate")]
    public void Ask_BadUsage_Exits2WithAReason(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(Environment.CurrentDirectory, args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_MissingKnowledgeFolder_Exits2()
    {
        var (exit, _, error) = CliRunner.Run(Environment.CurrentDirectory, "ask", "mtu", "--knowledge", "no/such/folder");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_ReadsKnowledgePathFromTheRootAppSettings_RelativeToItsFolder()
    {
        // A one-section knowledge base gives "zebra" 0.3, below the product's threshold: the same file lowers it.
        using var folder = new TempFolder()
            .With("appsettings.json", "{ \"Knowledge\": { \"Path\": \"kb\" }, \"Search\": { \"MinConfidence\": 0.2 } }")
            .With("kb/en/a.md", "---\nid: a\nlang: en\n---\n# Alpha\n\n## Zebra crossing MTU\n\nZebra text.\n");
        var nested = Directory.CreateDirectory(Path.Combine(folder.Root, "src", "deep")).FullName;

        var (exit, output, _) = CliRunner.Run(nested, "ask", "zebra", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("a", json.RootElement.GetProperty("hits")[0].GetProperty("id").GetString());
    }
}
