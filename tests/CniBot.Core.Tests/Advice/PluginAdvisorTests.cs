using CniBot.Advice;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests.Advice;

public sealed class RealMatrixFixture
{
    public RealMatrixFixture()
    {
        Knowledge = KnowledgeLoader.Load(Repository.Knowledge);
        Advisor = new PluginAdvisor(Knowledge.Advisor);
    }

    public KnowledgeBase Knowledge { get; }

    public PluginAdvisor Advisor { get; }
}

/// <summary>The advisor over the real knowledge/plugins.yaml and knowledge/rules.yaml.</summary>
public sealed class PluginAdvisorTests(RealMatrixFixture real) : IClassFixture<RealMatrixFixture>
{
    /// <summary>Each rule of rules.yaml, a request that must trigger it, the plugin it concerns, and a phrase of its text.</summary>
    public static TheoryData<string, string[], string[], bool, string, string> Rules() => new()
    {
        { "azure-ipip", ["azure"], [], false, "calico", "VXLAN" },
        { "gke-calico-wireguard", ["gcp"], ["encryption"], false, "calico", "WireGuard" },
        { "gke-calico-ebpf", ["gcp"], ["ebpf"], false, "calico", "eBPF" },
        { "ports-calico", [], [], false, "calico", "TCP 179" },
        { "ports-flannel", [], [], false, "flannel", "UDP 8472" },
        { "ports-cilium", [], [], false, "cilium", "UDP 51871" },
        { "aws-esp", ["aws"], ["encryption"], false, "cilium", "ESP" },
        { "jumbo-frames", ["aws"], [], true, "cilium", "Jumbo frames" },
        { "host-gw-layer2", ["gcp"], [], false, "flannel", "layer-2" },
        { "data-locality", ["onprem"], ["data-locality"], false, "macvlan-multus", "No CNI keeps data in a country" },
        { "cross-zone-cost", ["aws"], ["cost-sensitive"], false, "aws-vpc-cni", "cross-zone" },
        { "windows-calico", ["onprem"], ["windows"], false, "calico", "Windows" },
        { "gke-calico-policy-only", ["gcp"], [], false, "calico", "network policy only" },
        { "gke-calico-bgp", ["gcp"], ["bgp"], false, "calico", "BGP" },
        { "aks-byo-cni", ["azure"], [], false, "cilium", "--network-plugin none" },
        { "aws-calico-src-dst-check", ["aws"], [], false, "calico", "awsSrcDstCheck" },
        { "eks-overlay-webhooks", ["aws"], [], false, "cilium", "hostNetwork: true" },
        { "gke-calico-windows", ["gcp"], ["windows"], false, "calico", "GKE" },
    };

    [Fact]
    public void EveryRuleInTheFile_HasATestBelow()
    {
        var tested = Rules().Select(row => (string)row[0]).Order();

        Assert.Equal(real.Knowledge.Advisor.Rules.Select(r => r.Id).Order(), tested);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_AppliesToItsCase_WithItsSeverity(string id, string[] clouds, string[] needs, bool crossRegion, string plugin, string phrase)
    {
        var rule = real.Knowledge.Advisor.Rules.Single(r => r.Id == id);
        var (ranked, excluded) = real.Advisor.Recommend(new AdviceRequest(clouds, needs, crossRegion), Language.En);

        Assert.Contains(phrase, rule.Text.En, StringComparison.Ordinal);
        switch (rule.Severity)
        {
            case "unsupported":
                var ruledOut = Assert.Single(excluded, e => e.Plugin.Id == plugin);
                Assert.Equal(rule.Text.En, ruledOut.Why);
                Assert.Equal(rule.Source, ruledOut.Source);
                Assert.DoesNotContain(ranked, r => r.Plugin.Id == plugin);
                break;
            case "warning":
                Assert.Contains(rule.Text.En, Assert.Single(ranked, r => r.Plugin.Id == plugin).Warnings);
                break;
            default:
                Assert.Contains(rule.Text.En, Assert.Single(ranked, r => r.Plugin.Id == plugin).Verify);
                break;
        }

        Assert.Contains(rule.Source, ranked.Where(r => r.Plugin.Id == plugin).SelectMany(r => r.Sources).Concat(excluded.Select(e => e.Source ?? string.Empty)));
    }

    [Fact]
    public void Rules_DoNotFireOutsideTheirCase()
    {
        var (ranked, excluded) = real.Advisor.Recommend(new AdviceRequest(["aws"], ["encryption"]), Language.En);

        var calico = Assert.Single(ranked, r => r.Plugin.Id == "calico");
        Assert.DoesNotContain(calico.Warnings, w => w.Contains("IP-in-IP", StringComparison.Ordinal)); // That is Azure's rule.
        Assert.DoesNotContain(calico.Warnings, w => w.Contains("Jumbo", StringComparison.Ordinal)); // One region.
        Assert.DoesNotContain(excluded, e => e.Plugin.Id == "calico"); // WireGuard is fine off GKE.
        Assert.Contains(excluded, e => e.Plugin.Id == "gke-dataplane-v2" && e.Why == "does not run on aws");
    }

    [Fact]
    public void Rules_SpeakTheRequestedLanguage()
    {
        var (ranked, _) = real.Advisor.Recommend(new AdviceRequest(["azure"], []), Language.Zh);

        Assert.Contains("Azure 会丢弃 IP-in-IP 流量", Assert.Single(ranked, r => r.Plugin.Id == "calico").Warnings.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_CalicoAndCilium_ShowsOnlyDifferingDimensions_WithSources()
    {
        var plugins = real.Advisor.Mentioned("compare calico cilium");
        Assert.Equal(["calico", "cilium"], plugins.Select(p => p.Id));

        var comparison = real.Advisor.Compare(plugins);

        var ids = comparison.Dimensions.Select(d => d.Dimension.Id).ToArray();
        Assert.Contains("l7-policy", ids);
        Assert.Contains("fqdn-policy", ids);
        Assert.All(comparison.Dimensions, d => Assert.NotEqual(d.Cells[0].Text.En, d.Cells[1].Text.En));
        Assert.All(comparison.Dimensions.SelectMany(d => d.Cells), c => Assert.False(string.IsNullOrEmpty(c.Source)));
    }

    [Fact]
    public void Compare_LeavesOutDimensionsWhereThePluginsAgree()
    {
        var calico = real.Knowledge.Advisor.Find("calico")!;

        var comparison = real.Advisor.Compare([calico, calico]);

        Assert.Empty(comparison.Dimensions);
    }

    [Theory]
    [InlineData("Calico 和 Cilium 对比", "calico", "cilium")]
    [InlineData("flannel vs calico enterprise", "flannel", "calico-enterprise")]
    [InlineData("Azure CNI Overlay versus Azure CNI powered by Cilium", "azure-cni-overlay", "azure-cni-cilium")]
    [InlineData("AWS VPC CNI 和 Terway 的区别", "aws-vpc-cni", "terway")]
    public void Mentioned_FindsPluginsByAlias_MostSpecificFirst(string text, string first, string second)
    {
        Assert.True(PluginAdvisor.AsksToCompare(text));
        Assert.Equal([first, second], real.Advisor.Mentioned(text).Select(p => p.Id).Take(2));
    }

    [Theory]
    [InlineData("calico-node restarts; compare with cilium", "cilium")] // calico-node is a pod, not the plugin named
    [InlineData("COMPARE Flannel AND Cilium", "flannel,cilium")]
    [InlineData("mycalico vs cilium2 vs antrea", "antrea")]
    [InlineData("用calico还是cilium", "")] // run into Chinese text, a name is not a whole word (as before)
    public void Mentioned_CountsWholeWordsOnly_InAnyCase(string text, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), real.Advisor.Mentioned(text).Select(p => p.Id));

    [Theory]
    [InlineData("calico", "calico", 0)]
    [InlineData("calico-node and calico", "calico", 16)]
    [InlineData("x calico.", "calico", 2)]
    [InlineData("calicoctl", "calico", -1)]
    [InlineData("anything", "", -1)]
    public void WholeWord_FindsTheFirstStandaloneOccurrence(string text, string name, int at) =>
        Assert.Equal(at, PluginAdvisor.WholeWord(text, name));

    [Theory]
    [InlineData("AWS + GCP, need FQDN egress policy, which CNI?", "aws,gcp", "fqdn-policy", true)]
    [InlineData("Global e-commerce on AWS in several regions: which CNI?", "aws", "l7-policy", true)]
    [InlineData("全球电商业务，部署在 AWS 多个区域，用什么 CNI？", "aws", "l7-policy", true)]
    [InlineData("Which CNI should a bank running clusters in the EU and the US use?", "", "encryption,network-policy", true)]
    [InlineData("金融业务在欧美两地部署，选哪个 CNI？", "", "encryption,network-policy", true)]
    [InlineData("游戏服务器部署在阿里云，延迟敏感，选哪个 CNI？", "alibaba", "low-latency", false)]
    [InlineData("Game servers close to players on GKE: which plugin?", "gcp", "low-latency", false)]
    [InlineData("中东数据本地化，自建机房，用什么网络插件？", "onprem", "data-locality", false)]
    [InlineData("Middle East data residency on bare metal, which CNI?", "onprem", "data-locality", false)]
    public void Parse_ReadsTheSeedScenarios(string text, string clouds, string needs, bool acrossRegions)
    {
        Assert.True(PluginAdvisor.AsksForAdvice(text), text);

        var request = PluginAdvisor.Parse(text);

        Assert.Equal(clouds.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), request.Clouds.Order());
        Assert.Equal(needs.Split(',').Order(), request.Needs.Order());
        Assert.Equal(acrossRegions, request.CrossRegion || request.MultiCloud);
    }

    [Theory]
    [InlineData("What MTU do you recommend for Calico VXLAN?")]
    [InlineData("选型时应该比较哪些维度？")]
    [InlineData("flannel 用哪个端口？")]
    [InlineData("Which port does Cilium use for Geneve?")]
    public void AsksForAdvice_LeavesOtherQuestionsToTheKnowledge(string text) => Assert.False(PluginAdvisor.AsksForAdvice(text));

    [Theory]
    [InlineData("aws+gcp fqdn-policy", "cilium")]
    [InlineData("azure l7-policy", "cilium")]
    [InlineData("onprem data-locality", "macvlan-multus")]
    public void Recommend_RanksAFittingPluginFirst_AndOnlyPluginsThatRunThere(string spec, string best)
    {
        var parts = spec.Split(' ');
        var request = new AdviceRequest(parts[0].Split('+'), parts[1].Split(','));

        var (ranked, excluded) = real.Advisor.Recommend(request, Language.En);

        Assert.Equal(best, ranked[0].Plugin.Id);
        Assert.All(ranked, r => Assert.Superset(request.Clouds.ToHashSet(), r.Plugin.Clouds.ToHashSet()));
        Assert.All(excluded, e => Assert.False(string.IsNullOrEmpty(e.Why)));
        Assert.Equal(real.Knowledge.Advisor.Plugins.Count, ranked.Count + excluded.Count);
    }
}
