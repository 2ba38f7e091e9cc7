using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>kubectl get pods [-A] [-o wide]</c>: the network's own Pods (the CNI agents, kube-proxy, CoreDNS and NodeLocal
/// DNSCache) that are not Running and ready, and Pods stuck being created, which is what a node whose CNI is down
/// looks like. Columns are cut where the header's are, so a RESTARTS value such as <c>5 (3m ago)</c> stays whole.
/// </summary>
internal static class KubectlPodsCheck
{
    /// <summary>The network's own Pods, by the start of their names.</summary>
    private static readonly string[] NetworkPods =
    [
        "calico-node", "calico-typha", "calico-kube-controllers", "cilium", "kube-flannel", "aws-node", "antrea-agent",
        "antrea-controller", "terway", "kube-proxy", "coredns", "node-local-dns", "nodelocaldns", "kube-ovn", "weave-net",
    ];

    private static readonly string[] Headers = ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"];

    public static void Run(InspectionState state)
    {
        var lines = state.Paste.Lines;
        var at = -1;
        for (var i = 0; i < lines.Count && at < 0; i++)
        {
            if (lines[i].Contains("NAME", StringComparison.Ordinal) && lines[i].Contains("READY", StringComparison.Ordinal) && lines[i].Contains("STATUS", StringComparison.Ordinal) && lines[i].Contains("RESTARTS", StringComparison.Ordinal))
            {
                at = i;
            }
        }

        if (at < 0)
        {
            return;
        }

        state.Recognised(OutputKinds.KubectlPods);
        var header = lines[at];
        var columns = Headers
            .Select(c => (Name: c, Start: Column(header, c))).Where(c => c.Start >= 0).OrderBy(c => c.Start).ToArray();
        var pods = new List<(string Name, string Ready, string Status, string Node, string Line)>();
        for (var i = at + 1; i < lines.Count && lines[i].Trim().Length > 0; i++)
        {
            var row = Cut(lines[i], columns);
            if (row.GetValueOrDefault("NAME") is { Length: > 0 } name)
            {
                pods.Add((name, row.GetValueOrDefault("READY", string.Empty), row.GetValueOrDefault("STATUS", string.Empty), row.GetValueOrDefault("NODE", string.Empty), lines[i].Trim()));
            }
        }

        var broken = pods.Where(p => NetworkPods.Any(n => p.Name.StartsWith(n, StringComparison.Ordinal)) && !Healthy(p.Ready, p.Status)).ToArray();
        if (broken.Length > 0)
        {
            var nodes = broken.Select(p => p.Node).Where(n => n.Length > 0 && n != "<none>").Distinct().ToArray();
            state.Findings.Add(new Finding(
                Severity.Error,
                state.Pick(
                    $"{broken.Length} network Pod(s) not ready ({broken[0].Name}: {broken[0].Status}, {broken[0].Ready}){(nodes.Length > 0 ? $" on {string.Join(", ", nodes.Take(3))}" : string.Empty)}: Pods there get no network or no DNS",
                    $"{broken.Length} 个网络组件 Pod 未就绪（{broken[0].Name}：{broken[0].Status}，{broken[0].Ready}）{(nodes.Length > 0 ? $"，位于 {string.Join("、", nodes.Take(3))}" : string.Empty)}：这些节点上的 Pod 没有网络或无法解析域名"),
                [.. broken.Take(5).Select(p => p.Line)],
                [state.Pick(
                    "The CNI agent on a node sets up every Pod started there; while it is not ready, new Pods stay in ContainerCreating and routes to that node's Pods go stale.",
                    "每个节点上的 CNI agent 负责为该节点新建的 Pod 配置网络；它未就绪时，新 Pod 会一直处于 ContainerCreating，到该节点 Pod 的路由也会失效。")],
                [
                    new(state.Pick("Read why it is not ready", "查看未就绪的原因"), state.Pick(
                        $"`kubectl -n <namespace> describe pod {broken[0].Name}` (the readiness probe's message and the events), then `kubectl -n <namespace> logs {broken[0].Name} --all-containers --tail 100`; paste either here.",
                        $"`kubectl -n <命名空间> describe pod {broken[0].Name}`（就绪探针的信息和事件），再 `kubectl -n <命名空间> logs {broken[0].Name} --all-containers --tail 100`；可以把结果贴到这里。"), StepImpact.ReadOnly, [KnowledgeLinks.CloudBgpAutodetection]),
                ],
                [KnowledgeLinks.CloudBgpAutodetection]));
        }

        var waiting = pods.Where(p => p.Status is "ContainerCreating" or "Pending" && !broken.Contains(p)).ToArray();
        if (waiting.Length > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"{waiting.Length} Pod(s) waiting to be created ({waiting[0].Name}: {waiting[0].Status})", $"{waiting.Length} 个 Pod 正在等待创建（{waiting[0].Name}：{waiting[0].Status}）"),
                [.. waiting.Take(5).Select(p => p.Line)],
                [state.Pick("A Pod stuck in ContainerCreating is often waiting for the CNI to give it an address; its events say why.", "卡在 ContainerCreating 的 Pod 往往是在等 CNI 分配地址；它的事件会说明原因。")],
                [new(state.Pick("Read the Pod's events", "查看 Pod 的事件"), state.Pick($"`kubectl describe pod {waiting[0].Name}`: a FailedCreatePodSandBox event carries the CNI's error; paste it here.", $"`kubectl describe pod {waiting[0].Name}`：FailedCreatePodSandBox 事件里有 CNI 的报错；可以贴到这里。"), StepImpact.ReadOnly, [])],
                []));
        }

        if (broken.Length == 0)
        {
            state.Summary.Add(state.Pick(
                $"kubectl get pods: {pods.Count} Pods read; every network Pod (CNI agents, kube-proxy, DNS) is Running and ready.",
                $"kubectl get pods：读到 {pods.Count} 个 Pod；所有网络组件 Pod（CNI agent、kube-proxy、DNS）都在运行且就绪。"));
        }
    }

    private static bool Healthy(string ready, string status)
    {
        var parts = ready.Split('/');
        return status is "Running" or "Completed" && parts.Length == 2 && parts[0] == parts[1];
    }

    /// <summary>Where a header word starts, as a whole word.</summary>
    private static int Column(string header, string name)
    {
        for (var at = header.IndexOf(name, StringComparison.Ordinal); at >= 0; at = header.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || header[at - 1] == ' ';
            var after = at + name.Length == header.Length || header[at + name.Length] == ' ';
            if (before && after)
            {
                return at;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> Cut(string line, (string Name, int Start)[] columns)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            var start = columns[i].Start;
            var end = i + 1 < columns.Length ? columns[i + 1].Start : line.Length;
            cells[columns[i].Name] = start < line.Length ? line[start..Math.Min(end, line.Length)].Trim() : string.Empty;
        }

        return cells;
    }
}
