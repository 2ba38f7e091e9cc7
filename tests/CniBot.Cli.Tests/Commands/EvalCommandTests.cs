using System.Text.Json;

namespace CniBot.Tests.Commands;

public sealed class EvalCommandTests
{
    private const string Set = """
        - id: mtu
          lang: en
          question: Which MTU should Calico VXLAN use on a 1500-byte network?
          facts: ['1450', 'vxlanMTU']
        - id: gap
          lang: en
          question: Which MTU should Calico WireGuard use?
          facts: ['1440']
        - id: kafka
          lang: offtopic
          asked_in: en
          question: How do I reduce Kafka consumer lag?
        """;

    [Fact]
    public void Eval_Json_ScoresTheSet_WithTheLeadingPassageAndTheGaps()
    {
        using var folder = new TempFolder().With("set.yaml", Set);

        var (exit, output, _) = CliRunner.Run(folder.Root, "eval", "--set", "set.yaml", "--knowledge", CliRunner.Corpus, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var all = root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "all");
        Assert.Equal((2, 1, 1), (all.GetProperty("questions").GetInt32(), all.GetProperty("covered").GetInt32(), all.GetProperty("top1").GetInt32()));
        Assert.Equal((1, 1), (root.GetProperty("offTopic").GetProperty("questions").GetInt32(), root.GetProperty("offTopic").GetProperty("declined").GetInt32()));
        var lead = root.GetProperty("leadingPassage");
        Assert.Equal((1, 1, 1), (lead.GetProperty("rightFirst").GetInt32(), lead.GetProperty("statesAFact").GetInt32(), lead.GetProperty("statesAll").GetInt32()));
        Assert.Equal(["gap"], root.GetProperty("uncovered").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Empty(root.GetProperty("misses").EnumerateArray());
    }

    [Fact]
    public void Eval_Text_PrintsTheTableTheLeadingPassageAndTheGaps()
    {
        using var folder = new TempFolder().With("set.yaml", Set);

        var (exit, output, _) = CliRunner.Run(folder.Root, "eval", "--set", "set.yaml", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        Assert.Contains("all             2        1  1/1 = 100.0 %", output, StringComparison.Ordinal);
        Assert.Contains("off-topic declined: 1/1 = 100.0 %", output, StringComparison.Ordinal);
        Assert.Contains("answers right first that lead with a passage stating an expected fact: 1/1 = 100.0 % (all of their facts: 1)", output, StringComparison.Ordinal);
        Assert.Contains("[en] gap: expected \"1440\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_UnknownSet_IsBadUsage()
    {
        using var folder = new TempFolder();

        var (exit, _, error) = CliRunner.Run(folder.Root, "eval", "--set", "missing.yaml", "--knowledge", CliRunner.Corpus);

        Assert.Equal(2, exit);
        Assert.Contains("no question set 'missing.yaml'", error, StringComparison.Ordinal);
    }
}
