using System.Text.Json;

namespace CniBot.Tests.Commands;

public sealed class AdviceCommandTests
{
    private static (int ExitCode, string Out, string Error) Run(params string[] args) =>
        CliRunner.Run(Environment.CurrentDirectory, [.. args, "--knowledge", Repository.Knowledge]);

    [Fact]
    public void Compare_Json_HasTheDocumentedShape_WithOnlyDifferingDimensions()
    {
        var (exit, output, error) = Run("compare", "calico", "cilium", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["calico", "cilium"], json.RootElement.GetProperty("plugins").EnumerateArray().Select(p => p.GetString()));
        var dimensions = json.RootElement.GetProperty("dimensions").EnumerateArray().ToArray();
        var fqdn = dimensions.Single(d => d.GetProperty("id").GetString() == "fqdn-policy");
        Assert.Equal("DNS/FQDN egress policy", fqdn.GetProperty("name").GetString());
        var values = fqdn.GetProperty("values");
        Assert.StartsWith("Not in open source", values.GetProperty("calico").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Yes", values.GetProperty("cilium").GetString(), StringComparison.Ordinal);
        Assert.Contains("knowledge/en/cilium.md#how-do-i-allow-egress-to-a-domain-name-with-cilium-tofqdns", fqdn.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.All(dimensions, d => Assert.NotEqual(d.GetProperty("values").GetProperty("calico").GetString(), d.GetProperty("values").GetProperty("cilium").GetString()));
    }

    [Fact]
    public void Compare_Text_InChinese_ListsEachPluginPerDimension()
    {
        var (exit, output, _) = Run("compare", "Calico", "calico enterprise", "--lang", "zh");

        Assert.Equal(0, exit);
        Assert.StartsWith("Calico (open source) vs Calico Enterprise / Calico Cloud", output, StringComparison.Ordinal);
        Assert.Contains("DNS/FQDN 出站策略", output, StringComparison.Ordinal);
        Assert.Contains("→ knowledge/zh/calico.md#", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calico", "weave")]
    [InlineData("bogus", "cilium")]
    public void Compare_UnknownPlugin_Exits2ListingTheValidValues(string a, string b)
    {
        var (exit, _, error) = Run("compare", a, b);

        Assert.Equal(2, exit);
        Assert.Contains("unknown plugin", error, StringComparison.Ordinal);
        Assert.Contains("valid values: flannel, calico, calico-enterprise, cilium", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OnePlugin_Exits2()
    {
        Assert.Equal(2, Run("compare", "calico").ExitCode);
        Assert.Equal(2, Run("compare", "calico", "Calico").ExitCode);
    }

    [Fact]
    public void Recommend_Json_HasTheDocumentedShape_BestFirst_WithRuleWarnings()
    {
        var (exit, output, error) = Run("recommend", "--cloud", "aws", "--cloud", "gcp", "--needs", "fqdn-policy,encryption", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var recommendations = json.RootElement.GetProperty("recommendations").EnumerateArray().ToArray();
        Assert.Equal("cilium", recommendations[0].GetProperty("plugin").GetString());
        var scores = recommendations.Select(r => r.GetProperty("score").GetInt32()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        var cilium = recommendations[0];
        Assert.NotEmpty(cilium.GetProperty("reasons").EnumerateArray());
        Assert.Contains(cilium.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("ESP", StringComparison.Ordinal));
        Assert.Contains("knowledge/en/troubleshooting.md#why-does-node-to-node-ipsec-fail-on-aws-and-how-do-i-allow-esp", cilium.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(recommendations, r => r.GetProperty("plugin").GetString() == "aws-vpc-cni");
        Assert.Contains(json.RootElement.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("plugin").GetString() == "aws-vpc-cni");
    }

    [Fact]
    public void Recommend_Text_ShowsTheRankingAndTheRulesInChinese()
    {
        var (exit, output, _) = Run("recommend", "--cloud", "azure", "--needs", "network-policy,encryption", "--lang", "zh");

        Assert.Equal(0, exit);
        Assert.StartsWith("推荐：", output, StringComparison.Ordinal);
        Assert.Contains("Azure 会丢弃 IP-in-IP 流量", output, StringComparison.Ordinal);
        Assert.Contains("→ knowledge: knowledge/zh/", output, StringComparison.Ordinal);
        Assert.DoesNotContain("knowledge/en/", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cloud", "mars", "unknown cloud 'mars'; valid values: aws, azure, gcp, alibaba, onprem")]
    [InlineData("--needs", "encryption,teleport", "unknown need 'teleport'; valid values: network-policy, l7-policy, fqdn-policy")]
    public void Recommend_UnknownValue_Exits2ListingTheValidValues(string option, string value, string message)
    {
        var (exit, _, error) = Run("recommend", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Advice_WithoutAMatrix_Exits2WithAReason()
    {
        using var kb = new TempFolder().With("en/a.md", "---\nid: a\ntitle: A\nlang: en\n---\n# A\n\n## H\n\nText.\n");

        var (exit, _, error) = CliRunner.Run(Environment.CurrentDirectory, "recommend", "--knowledge", kb.Root);

        Assert.Equal(2, exit);
        Assert.Contains("plugins.yaml", error, StringComparison.Ordinal);
    }
}
