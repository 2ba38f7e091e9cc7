using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static CniBot.Tests.CardConversation;

namespace CniBot.Tests;

/// <summary>The plugin advisor through /api/messages (the Bot Framework path Teams uses).</summary>
public sealed class AdvisorTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Compare_GivesASideBySideCard_OfTheDimensionsThatDiffer_WithSources()
    {
        var card = await SendAsync(Message("compare calico cilium", $"advisor-{Guid.NewGuid():N}"));

        Assert.Equal("Calico (open source) vs Cilium", Title(card));
        var columnSets = card["body"]!.Where(b => (string?)b["type"] == "ColumnSet").ToArray();
        Assert.Equal(["Calico (open source)", "Cilium"], Columns(columnSets[0]));
        var body = card["body"]!.ToArray();
        var fqdn = Array.FindIndex(body, b => BotRequests.Text(b) == "DNS/FQDN egress policy");
        Assert.True(fqdn > 0, "no FQDN row");
        var values = Columns(body[fqdn + 1]);
        Assert.StartsWith("Not in open source", values[0], StringComparison.Ordinal);
        Assert.StartsWith("Yes", values[1], StringComparison.Ordinal);
        Assert.Contains("knowledge/en/cilium.md#how-do-i-allow-egress-to-a-domain-name-with-cilium-tofqdns", BotRequests.Text(body[fqdn + 2]), StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024);
    }

    [Fact]
    public async Task Compare_InChinese_IsInChinese()
    {
        var card = await SendAsync(Message("Calico 和 Cilium 对比", $"advisor-{Guid.NewGuid():N}"));

        Assert.Equal("zh-CN", (string?)card["lang"]);
        Assert.Contains(card["body"]!, b => BotRequests.Text(b) == "DNS/FQDN 出站策略");
        Assert.Contains(card["body"]!, b => (BotRequests.Text(b))?.StartsWith(@"来源: knowledge/zh/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task OneShotQuestion_GetsARankedCitedRecommendation()
    {
        var card = await SendAsync(Message("AWS + GCP, need FQDN egress policy, which CNI?", $"advisor-{Guid.NewGuid():N}"));

        Assert.Equal("Recommended: Cilium", Title(card));
        var texts = string.Join('\n', card["body"]!.Select(b => BotRequests.Text(b)));
        Assert.Contains("1. Cilium — score", texts, StringComparison.Ordinal);
        Assert.Contains("Jumbo frames do not cross every link between regions or clouds", texts, StringComparison.Ordinal);
        Assert.Contains("knowledge/en/cilium.md#how-do-i-allow-egress-to-a-domain-name-with-cilium-tofqdns", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("read-only", texts, StringComparison.Ordinal); // Ranked plugins are not actions.
    }

    [Fact]
    public async Task Interview_FromTheCompareCard_EndsInARecommendation_WithTheCloudRules()
    {
        var conversation = $"advisor-{Guid.NewGuid():N}";
        var comparison = await SendAsync(Message("flannel vs calico", conversation));
        var card = await SendAsync(Press(Button(comparison, "🧭 Recommend for my setup"), conversation));
        Assert.Equal("Choose a CNI plugin", Title(card));

        foreach (var label in new[] { "Azure", "No, one region", "Kubernetes NetworkPolicy (L3/L4)", "Yes", "No", "A small team; keep it simple", "No" })
        {
            card = await SendAsync(Press(Button(card, label), conversation));
        }

        Assert.Contains(card["body"]!, b => BotRequests.Text(b) == "Is cross-zone and cross-region traffic cost a concern?");
        card = await SendAsync(Press(Button(card, "Yes"), conversation));

        Assert.Equal("Recommended: Calico (open source)", Title(card));
        var texts = string.Join('\n', card["body"]!.Select(b => BotRequests.Text(b)));
        Assert.Contains("Azure drops IP-in-IP traffic", texts, StringComparison.Ordinal);
        Assert.Contains("Clouds charge for cross-zone and cross-region traffic", texts, StringComparison.Ordinal);
        Assert.Contains("knowledge/en/calico.md#should-i-use-calico-ip-in-ip-or-vxlan-and-why-does-ip-in-ip-fail-on-azure", texts, StringComparison.Ordinal);
    }

    private static string[] Columns(JToken columnSet) =>
        [.. columnSet["columns"]!.Select(c => BotRequests.Text(c["items"]![0]!)!)];

    private async Task<JObject> SendAsync(JObject activity) =>
        BotRequests.Card((await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, activity))).Last());
}
