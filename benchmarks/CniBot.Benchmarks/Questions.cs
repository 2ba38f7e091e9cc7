using CniBot.Evaluation;
using CniBot.Knowledge;

namespace CniBot.Benchmarks;

/// <summary>Questions engineers ask, by language, for the search benchmarks.</summary>
public static class Questions
{
    public static readonly string[] English =
    [
        "What MTU should Calico VXLAN use over inter-region peering?",
        "Which ports must be open for Cilium WireGuard?",
        "How do I fix DNS lookups that take 5 seconds?",
        "Does flannel support NetworkPolicy?",
        "How many pods can an m5.large run with the AWS VPC CNI?",
    ];

    public static readonly string[] Chinese =
    [
        "跨区域丢包怎么排查？",
        "Calico 和 Cilium 哪个延迟更低？",
        "如何限制 Pod 的带宽？",
        "连接跟踪表满了怎么办？",
        "Azure 上为什么不能用 IPIP？",
    ];

    public static readonly string[] Mixed =
    [
        "Calico 的 VXLAN MTU 怎么设?",
        "Cilium WireGuard 的 MTU 为什么是 1420",
        "AWS transit gateway 的 MTU 是多少",
        "kube-proxy 替换需要什么内核版本",
        "Hubble metrics 端口是多少",
    ];

    /// <summary>
    /// The development set's questions as people asked them (long, symptom-first, pasted logs), by group: what the
    /// bot really gets, and what a search must be fast for.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Real { get; } = LoadReal();

    private static Dictionary<string, string[]> LoadReal()
    {
        var problems = new List<KnowledgeDiagnostic>();
        var questions = QuestionSetLoader.Load(Path.Combine(Paths.Root, "tests", "CniBot.Core.Tests", "TestData", "Evaluation", "real.yaml"), problems);
        return questions.GroupBy(q => q.Group == QuestionGroup.OffTopic ? "offtopic" : q.Group.ToString().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Select(q => q.Question).ToArray());
    }
}
