using System.Text.RegularExpressions;

namespace CniBot.Advice;

/// <summary>What the user needs: clouds, needs (see <see cref="PluginMatrix.Needs"/>), and whether traffic crosses regions.</summary>
public sealed record AdviceRequest(IReadOnlyList<string> Clouds, IReadOnlyList<string> Needs, bool CrossRegion = false)
{
    public bool MultiCloud => Clouds.Count > 1 || Needs.Contains("multi-cloud");
}

/// <summary>A recommended plugin with why, what it costs, what the cloud rules warn about, and what to check first.</summary>
public sealed record RankedPlugin(
    PluginEntry Plugin,
    int Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> TradeOffs,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verify,
    IReadOnlyList<string> Sources);

/// <summary>A plugin ruled out for this request, and the rule or fact that did it.</summary>
public sealed record ExcludedPlugin(PluginEntry Plugin, string Why, string? Source);

public sealed record ComparedDimension(Dimension Dimension, IReadOnlyList<Cell> Cells);

public sealed record Comparison(IReadOnlyList<PluginEntry> Plugins, IReadOnlyList<ComparedDimension> Dimensions);

/// <summary>Comparisons and recommendations from the plugin matrix and the cloud-fabric rules, with their sources.</summary>
public sealed partial class PluginAdvisor(PluginMatrix matrix)
{
    /// <summary>Which matrix dimension backs each need (its cell is the reason or the trade-off shown).</summary>
    private static readonly Dictionary<string, string> DimensionOfNeed = new(StringComparer.Ordinal)
    {
        ["network-policy"] = "network-policy",
        ["l7-policy"] = "l7-policy",
        ["fqdn-policy"] = "fqdn-policy",
        ["encryption"] = "encryption",
        ["windows"] = "windows",
        ["ebpf"] = "ebpf",
        ["kube-proxy-replacement"] = "ebpf",
        ["bgp"] = "bgp",
        ["observability"] = "observability",
        ["data-locality"] = "cloud",
        ["low-ops"] = "operations",
        ["multi-cloud"] = "cloud",
        ["cost-sensitive"] = "encapsulation",
        ["low-latency"] = "encapsulation",
    };

    /// <summary>Features a plan must have: a need that is one of these and that a plugin lacks weighs heavily.</summary>
    private static readonly string[] FeatureNeeds = ["network-policy", "l7-policy", "fqdn-policy", "encryption", "windows", "ebpf", "kube-proxy-replacement", "bgp", "observability"];

    public PluginMatrix Matrix { get; } = matrix;

    /// <summary>The dimensions in which the plugins differ, each with every plugin's cell and source.</summary>
    public Comparison Compare(IReadOnlyList<PluginEntry> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var dimensions = Matrix.Dimensions
            .Select(d => new ComparedDimension(d, [.. plugins.Select(p => p.Cells[d.Id])]))
            .Where(d => d.Cells.Select(c => c.Text.En).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToArray();
        return new Comparison(plugins, dimensions);
    }

    public (IReadOnlyList<RankedPlugin> Ranked, IReadOnlyList<ExcludedPlugin> Excluded) Recommend(AdviceRequest request, Language language)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranked = new List<RankedPlugin>();
        var excluded = new List<ExcludedPlugin>();
        foreach (var plugin in Matrix.Plugins)
        {
            var missingCloud = request.Clouds.FirstOrDefault(c => !plugin.Clouds.Contains(c));
            if (missingCloud is not null)
            {
                excluded.Add(new ExcludedPlugin(plugin, language.Pick($"does not run on {missingCloud}", $"不能在 {missingCloud} 上运行"), plugin.Cells.GetValueOrDefault("cloud")?.Source));
                continue;
            }

            // A cloud's own CNI (one cloud in its list) cannot span clouds, even when the request names only one.
            if (request.MultiCloud && plugin.Clouds.Count == 1)
            {
                var only = plugin.Clouds[0];
                excluded.Add(new ExcludedPlugin(plugin, language.Pick($"runs only on {only}", $"只能在 {only} 上运行"), plugin.Cells.GetValueOrDefault("cloud")?.Source));
                continue;
            }

            var rules = Matrix.Rules.Where(r => Applies(r, plugin, request)).ToArray();
            if (rules.FirstOrDefault(r => r.Severity == "unsupported") is { } blocker)
            {
                excluded.Add(new ExcludedPlugin(plugin, blocker.Text.In(language), blocker.Source));
                continue;
            }

            ranked.Add(Score(plugin, request, rules, language));
        }

        return ([.. ranked.OrderByDescending(r => r.Score).ThenBy(r => Complexity(r.Plugin)).ThenBy(r => r.Plugin.Id, StringComparer.Ordinal)], excluded);
    }

    /// <summary>
    /// Every plugin starts level; the weights below move it. Only their order matters (the answer shows the ranking
    /// and the reasons, never the number), and they are sized against each other:
    /// </summary>
    private const int BaseScore = 10;

    /// <summary>Fits the deployment's shape: the same on every cloud for a multi-cloud request, or made for the one place asked about.</summary>
    private const int PlacementFit = 2;

    /// <summary>Has a feature the asker named (FQDN policy, encryption, Windows...).</summary>
    private const int NamedFeatureHeld = 3;

    /// <summary>
    /// Lacks a feature the asker named: twice what having it earns, so one missing requirement outweighs any one
    /// strength, and a plugin that meets every requirement ranks above one that meets all but one.
    /// </summary>
    private const int NamedFeatureMissing = -6;

    /// <summary>Data locality: local L2 networking matters most, then egress control by name and policy at all.</summary>
    private const int LocalityNetworking = 2;
    private const int LocalityEgressControl = 1;

    /// <summary>"Little to operate" asked: as strong as a named feature, either way.</summary>
    private const int OperationsFit = 3;

    /// <summary>Native routing (no encapsulation) when cost or latency was named: saves bytes and a hop, not a requirement.</summary>
    private const int NativeRoutingFit = 2;

    /// <summary>A commercial licence: a small cost that decides only between otherwise equal plugins.</summary>
    private const int CommercialLicence = -1;

    private static RankedPlugin Score(PluginEntry plugin, AdviceRequest request, FabricRule[] rules, Language language)
    {
        var score = BaseScore;
        List<string> reasons = [], tradeOffs = [], sources = [];
        void Cite(string dimension, List<string> into)
        {
            if (plugin.Cells.TryGetValue(dimension, out var cell))
            {
                into.Add(cell.Text.In(language));
                sources.Add(cell.Source);
            }
        }

        if (request.MultiCloud)
        {
            score += PlacementFit;
            reasons.Add(language.Pick("Runs the same way on every cloud and on-premises.", "在各家云和自建机房上的运行方式一致。"));
        }
        else if (request.Clouds.Count == 1 && plugin.Clouds.Count == 1)
        {
            // Made for this one place (a cloud's own CNI, or MACVLAN on premises): integration is the gain, its limits the cost.
            score += PlacementFit;
            var place = request.Clouds[0];
            reasons.Add(place == "onprem"
                ? language.Pick("Made for on-premises networks, where it can use the local network directly.", "专为自建机房设计，可以直接使用本地网络。")
                : language.Pick($"Made for {place}: pods are integrated with the cloud's own network.", $"专为 {place} 设计：Pod 与云平台自身的网络集成。"));
            Cite("cloud", tradeOffs);
        }

        foreach (var need in request.Needs.Where(FeatureNeeds.Contains))
        {
            if (plugin.Features.Contains(need))
            {
                score += NamedFeatureHeld;
                Cite(DimensionOfNeed[need], reasons);
            }
            else
            {
                score += NamedFeatureMissing;
                Cite(DimensionOfNeed[need], tradeOffs);
            }
        }

        if (request.Needs.Contains("data-locality"))
        {
            // Locality comes from where clusters run and what may leave them: local L2 networking helps, egress policy helps.
            score += (plugin.Features.Contains("data-locality") ? LocalityNetworking : 0)
                + (plugin.Features.Contains("fqdn-policy") ? LocalityEgressControl : 0)
                + (plugin.Features.Contains("network-policy") ? LocalityEgressControl : 0);
        }

        if (request.Needs.Contains("low-ops"))
        {
            score += plugin.Operations switch { "low" => OperationsFit, "high" => -OperationsFit, _ => 0 };
            Cite("operations", plugin.Operations == "high" ? tradeOffs : reasons);
        }

        if ((request.Needs.Contains("cost-sensitive") || request.Needs.Contains("low-latency")) && plugin.Features.Contains("native-routing"))
        {
            score += NativeRoutingFit;
            Cite("encapsulation", reasons);
        }

        if (plugin.Features.Contains("commercial"))
        {
            score += CommercialLicence;
            Cite("licence", tradeOffs);
        }

        var warnings = rules.Where(r => r.Severity == "warning").Select(r => r.Text.In(language)).ToList();
        var verify = rules.Where(r => r.Severity == "info").Select(r => r.Text.In(language)).ToList();
        verify.Add(language.Pick("Measure pod-to-pod throughput and latency across zones and regions (iperf3, netperf) before committing.", "定型前先测量跨可用区、跨区域的 Pod 间吞吐和延迟（iperf3、netperf）。"));
        sources.AddRange(rules.Select(r => r.Source));
        sources.Add("choosing#how-do-i-measure-pod-to-pod-throughput-with-iperf3");
        return new RankedPlugin(plugin, score, reasons.Distinct().ToArray(), tradeOffs.Distinct().ToArray(), warnings, verify, sources.Distinct().ToArray());
    }

    private static bool Applies(FabricRule rule, PluginEntry plugin, AdviceRequest request) =>
        (rule.Clouds.Count == 0 || rule.Clouds.Any(request.Clouds.Contains))
        && (rule.Plugins.Count == 0 || rule.Plugins.Contains(plugin.Id))
        && (rule.Needs.Count == 0 || rule.Needs.Any(request.Needs.Contains))
        && (!rule.CrossRegion || request.CrossRegion || request.MultiCloud);

    private static int Complexity(PluginEntry plugin) => plugin.Operations switch { "low" => 0, "medium" => 1, _ => 2 };

    /// <summary>The plugins a text names (ids and aliases as whole words), in the order they appear.</summary>
    public IReadOnlyList<PluginEntry> Mentioned(string text)
    {
        var lower = Lower(text);
        var found = new List<(int At, PluginEntry Plugin)>();
        foreach (var plugin in Matrix.Plugins)
        {
            foreach (var name in plugin.Aliases.Append(plugin.Id).OrderByDescending(n => n.Length))
            {
                if (WholeWord(lower, name) is var at and >= 0)
                {
                    found.Add((at, plugin));
                    break;
                }
            }
        }

        // "calico enterprise" also contains "calico": keep the longer, more specific mention.
        return [.. found.OrderBy(f => f.At).Select(f => f.Plugin).DistinctBy(p => p.Id)
            .Where(p => !found.Any(o => o.Plugin != p && o.At == found.First(f => f.Plugin == p).At && o.Plugin.Id.StartsWith(p.Id, StringComparison.Ordinal)))];
    }

    /// <summary>
    /// Where <paramref name="name"/> first stands in <paramref name="text"/> as a whole word (no letter, digit or
    /// hyphen on either side), or -1. A plain search: every message that says "vs" or "difference" passes through
    /// here, and it built a regular expression from each alias on every call, more than the static Regex cache holds
    /// (the advisor's test as a whole was a twelfth of a cached answer's work under load).
    /// </summary>
    internal static int WholeWord(string text, string name)
    {
        if (name.Length == 0)
        {
            return -1;
        }

        static bool Joins(char c) => char.IsLetterOrDigit(c) || c == '-';
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !Joins(text[at - 1])) && (end == text.Length || !Joins(text[end])))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>
    /// Reads clouds and needs from a free-text question ("AWS + GCP, need FQDN egress policy, which CNI?",
    /// "金融业务在欧美两地部署，需要加密"). Scenario words count too: e-commerce wants L7 policy, finance encryption
    /// and policy, game servers low latency.
    /// </summary>
    public static AdviceRequest Parse(string text)
    {
        var lower = Lower(text);
        var clouds = CloudPatterns.Where(c => c.Pattern.IsMatch(lower)).Select(c => c.Name).ToList();
        var needs = NeedPatterns.Where(n => n.Pattern.IsMatch(lower)).Select(n => n.Name).Distinct().ToList();
        return new AdviceRequest(clouds, needs, CrossRegionPattern.IsMatch(lower));
    }

    // Built once: the static Regex cache holds 15 patterns, fewer than these, so matching them through
    // Regex.IsMatch(text, pattern) parsed most of them again on every advice request.
    private static readonly (string Name, Regex Pattern)[] CloudPatterns =
    [
        ("aws", Pattern(@"\b(aws|amazon|eks)\b")),
        ("gcp", Pattern(@"\b(gcp|google|gke)\b")),
        ("azure", Pattern(@"\b(azure|aks)\b")),
        ("alibaba", Pattern(@"\b(alibaba|aliyun|ack)\b|阿里云")),
        ("onprem", Pattern(@"\b(on-?prem(ises)?|bare[- ]metal|data ?cent(er|re))\b|自建|本地机房|私有云|idc")),
    ];

    private static readonly (string Name, Regex Pattern)[] NeedPatterns =
    [
        ("fqdn-policy", Pattern(@"\bfqdn\b|domain[- ]based|dns[- ]based|域名")),
        ("l7-policy", Pattern(@"\bl7\b|layer[- ]?7|http[- ]aware|七层|电商|e-?commerce")),
        ("encryption", Pattern(@"encrypt|wireguard|ipsec|加密|金融|\bfinanc|\bbank")),
        ("network-policy", Pattern(@"network ?polic|网络策略|金融|\bfinanc|\bbank")),
        ("windows", Pattern(@"\bwindows\b")),
        ("ebpf", Pattern(@"\bebpf\b")),
        ("kube-proxy-replacement", Pattern(@"kube-?proxy")),
        ("bgp", Pattern(@"\bbgp\b")),
        ("observability", Pattern(@"observab|hubble|可观测")),
        ("data-locality", Pattern(@"data[- ](locality|residency|sovereignty)|locali[sz]ation|数据本地化|不出境|数据主权|中东|middle east")),
        ("low-ops", Pattern(@"small team|simple|low[- ]ops|小团队|运维简单|简单")),
        ("multi-cloud", Pattern(@"multi-?cloud|hybrid cloud|多云|混合云")),
        ("cost-sensitive", Pattern(@"\bcost|\bbill|费用|成本|流量费")),
        ("low-latency", Pattern(@"latency|game|gaming|延迟|时延|游戏")),
    ];

    private static readonly Regex CrossRegionPattern = Pattern(@"region|global|worldwide|cross-border|跨区域|多区域|全球|跨境|海外|欧美|\beu\b[^\n]{0,80}\bus\b");

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    /// <summary>The text the advisor's patterns read: lower case, bounded (<see cref="UserText.MaxAdvice"/>).</summary>
    private static string Lower(string? text) => UserText.Bound(text, UserText.MaxAdvice).ToLowerInvariant();

    public static bool AsksToCompare(string text) => ComparePattern().IsMatch(UserText.Bound(text, UserText.MaxAdvice));

    /// <summary>
    /// "Which CNI ...", "recommend a plugin", "选哪个 CNI", "用什么网络插件": the question must be about the plugin itself,
    /// so "which MTU do you recommend?" or "选型时比较哪些维度？" still go to the knowledge base.
    /// </summary>
    public static bool AsksForAdvice(string text) => AdvicePattern().IsMatch(UserText.Bound(text, UserText.MaxAdvice));

    // Both run on every message, so they are generated once, ignore case themselves, and read the bounded text as
    // written (lowering a long pasted log first cost more than the match).
    [GeneratedRegex(@"\b(compare|comparison|versus|vs\.?|difference)\b|对比|比较|区别|差异|哪个好", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComparePattern();

    [GeneratedRegex(
        @"\b(which|what) (cni|(network(ing)? )?plugin)\b|\brecommend\w*\b.{0,20}\b(cni|plugin)"
        + @"|(选|选择|用|推荐|哪个|哪种|什么).{0,6}(cni|网络插件|插件|网络方案)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdvicePattern();
}
