using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>cilium status</c> / <c>cilium-dbg status</c> (brief or <c>--verbose</c>): the agent and its Kubernetes
/// connection, cluster health (nodes the health checks cannot reach), failing controllers and IPAM exhaustion;
/// kube-proxy replacement and encryption are reported as read.
/// </summary>
internal static partial class CiliumStatusCheck
{
    private const string CiliumRequirements = "https://docs.cilium.io/en/stable/operations/system_requirements/";

    public static void Run(InspectionState state)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in state.Paste.Lines)
        {
            if (Field().Match(line) is { Success: true } m && !fields.ContainsKey(m.Groups["name"].Value))
            {
                fields[m.Groups["name"].Value] = m.Groups["value"].Value.Trim();
                lines[m.Groups["name"].Value] = line.Trim();
            }
        }

        if (!fields.TryGetValue("Cilium", out var cilium) || !(fields.ContainsKey("KubeProxyReplacement") || fields.ContainsKey("Cluster health") || fields.ContainsKey("Controller Status")))
        {
            return;
        }

        state.Recognised(OutputKinds.CiliumStatus);
        foreach (var name in new[] { "Cilium", "Kubernetes", "KVStore" })
        {
            if (fields.TryGetValue(name, out var value) && !value.StartsWith("Ok", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("Disabled", StringComparison.OrdinalIgnoreCase))
            {
                state.Findings.Add(new Finding(
                    Severity.Error,
                    state.Pick($"cilium status reports {name}: {value}", $"cilium status 报告 {name}：{value}"),
                    [lines[name]],
                    [state.Pick(name == "Kubernetes" ? "The agent cannot reach the Kubernetes API: it programs nothing new until it can." : "The agent is not healthy on this node.", name == "Kubernetes" ? "agent 连不上 Kubernetes API：连上之前不会下发任何新配置。" : "这个节点上的 agent 不健康。")],
                    [new(state.Pick("Read the agent's log", "查看 agent 日志"), state.Pick("`kubectl -n kube-system logs ds/cilium -c cilium-agent --tail 100` on this node's pod (`kubectl -n kube-system get pods -o wide -l k8s-app=cilium`).", "查看本节点的 Pod：`kubectl -n kube-system get pods -o wide -l k8s-app=cilium`，然后 `kubectl -n kube-system logs <pod> -c cilium-agent --tail 100`。"), StepImpact.ReadOnly, [])],
                    [CiliumRequirements]));
            }
        }

        if (fields.TryGetValue("Cluster health", out var health) && Reachable().Match(health) is { Success: true } reach
            && int.Parse(reach.Groups["up"].Value, CultureInfo.InvariantCulture) < int.Parse(reach.Groups["all"].Value, CultureInfo.InvariantCulture))
        {
            var unreachable = state.Paste.Lines.Where(l => l.Contains("unreachable", StringComparison.OrdinalIgnoreCase) && !l.Contains("Cluster health", StringComparison.Ordinal)).Select(l => l.Trim()).Take(5);
            state.Findings.Add(new Finding(
                Severity.Error,
                state.Pick($"Cluster health: only {reach.Groups["up"].Value} of {reach.Groups["all"].Value} nodes reachable: Pod traffic to the others fails too", $"集群健康：{reach.Groups["all"].Value} 个节点中只有 {reach.Groups["up"].Value} 个可达：到其余节点的 Pod 流量同样不通"),
                [lines["Cluster health"], .. unreachable],
                [state.Pick(
                    "cilium-health probes every node over ICMP and TCP 4240, and the Pods' traffic uses the tunnel port (VXLAN UDP 8472, Geneve UDP 6081) or native routes: a security group or firewall between the nodes is the usual cause.",
                    "cilium-health 通过 ICMP 和 TCP 4240 探测每个节点，Pod 流量走隧道端口（VXLAN UDP 8472、Geneve UDP 6081）或直接路由：节点之间的安全组或防火墙是最常见的原因。")],
                [
                    new(state.Pick("See which probe fails", "看是哪种探测失败"), state.Pick("`kubectl -n kube-system exec ds/cilium -c cilium-agent -- cilium-health status --verbose` shows ICMP and HTTP (4240) per node.", "`kubectl -n kube-system exec ds/cilium -c cilium-agent -- cilium-health status --verbose` 会按节点显示 ICMP 和 HTTP（4240）的结果。"), StepImpact.ReadOnly, [KnowledgeLinks.CiliumUnreachable]),
                    new(state.Pick("Open Cilium's ports between all nodes", "在所有节点之间放通 Cilium 的端口"), state.Pick("Allow ICMP echo, TCP 4240 and the tunnel port (UDP 8472 for VXLAN, 6081 for Geneve; UDP 51871 with WireGuard) in every security group and host firewall between the nodes.", "在节点之间的所有安全组和主机防火墙中放通 ICMP echo、TCP 4240 和隧道端口（VXLAN 为 UDP 8472，Geneve 为 6081；启用 WireGuard 时还有 UDP 51871）。"), StepImpact.Change, [KnowledgeLinks.OverlayPorts]),
                ],
                [KnowledgeLinks.CiliumUnreachable, KnowledgeLinks.OverlayPorts, CiliumRequirements]));
        }

        if (fields.TryGetValue("Controller Status", out var controllers) && Healthy().Match(controllers) is { Success: true } ok
            && int.Parse(ok.Groups["ok"].Value, CultureInfo.InvariantCulture) < int.Parse(ok.Groups["all"].Value, CultureInfo.InvariantCulture))
        {
            var failing = state.Paste.Lines.Where(l => FailingController().IsMatch(l)).Select(l => l.Trim()).Take(5);
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"Controllers: {controllers}: some of the agent's reconcilers keep failing", $"控制器：{controllers}：agent 的部分调和任务一直失败"),
                [lines["Controller Status"], .. failing],
                [state.Pick("`cilium status --verbose` names each failing controller with its last error.", "`cilium status --verbose` 会列出每个失败的控制器及其最近的错误。")],
                [new(state.Pick("Read the failing controllers' errors", "查看失败控制器的错误"), state.Pick("`kubectl -n kube-system exec ds/cilium -c cilium-agent -- cilium-dbg status --verbose | grep -A3 -i failing`", "`kubectl -n kube-system exec ds/cilium -c cilium-agent -- cilium-dbg status --verbose | grep -A3 -i failing`"), StepImpact.ReadOnly, [])],
                [CiliumRequirements]));
        }

        if (fields.TryGetValue("IPAM", out var ipam) && Allocated().Match(ipam) is { Success: true } pool)
        {
            var used = int.Parse(pool.Groups["used"].Value, CultureInfo.InvariantCulture);
            var size = int.Parse(pool.Groups["size"].Value, CultureInfo.InvariantCulture);
            if (size > 0 && used >= 0.9 * size)
            {
                state.Findings.Add(new Finding(
                    used >= size ? Severity.Error : Severity.Warning,
                    state.Pick($"IPAM: {used} of {size} Pod addresses allocated on this node: new Pods will not get an address", $"IPAM：本节点已分配 {used}/{size} 个 Pod 地址：新 Pod 将拿不到地址"),
                    [lines["IPAM"]],
                    [state.Pick("Each node allocates Pod IPs from its own range; a node whose range is full cannot start more Pods, whatever the cluster-wide pool holds.", "每个节点从自己的地址段分配 Pod IP；本节点地址段用完后就无法再启动 Pod，无论集群总地址池还剩多少。")],
                    [new(state.Pick("Compare Pods and addresses on the node", "对比节点上的 Pod 数和地址数"), state.Pick("`kubectl get pods -A -o wide --field-selector spec.nodeName=<node> | wc -l` against the node's range; a leak shows as far more addresses than Pods (`cilium-dbg ip list`).", "`kubectl get pods -A -o wide --field-selector spec.nodeName=<节点> | wc -l` 与节点地址段对比；地址远多于 Pod 说明有泄漏（`cilium-dbg ip list`）。"), StepImpact.ReadOnly, [])],
                    [CiliumRequirements]));
            }
        }

        state.Summary.Add(state.Pick(
            $"cilium status: Cilium {cilium}; KubeProxyReplacement {fields.GetValueOrDefault("KubeProxyReplacement", "?")}; Encryption {fields.GetValueOrDefault("Encryption", "?")}.",
            $"cilium status：Cilium {cilium}；KubeProxyReplacement {fields.GetValueOrDefault("KubeProxyReplacement", "?")}；Encryption {fields.GetValueOrDefault("Encryption", "?")}。"));
    }

    // "KubeProxyReplacement:    True   [eth0 ...]", "Cluster health:          2/3 reachable   (...)"
    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z0-9 ]{1,40}?):\s{1,40}(?<value>\S.{0,300})$", RegexOptions.CultureInvariant)]
    private static partial Regex Field();

    [GeneratedRegex(@"^(?<up>\d{1,5})/(?<all>\d{1,5}) reachable", RegexOptions.CultureInvariant)]
    private static partial Regex Reachable();

    [GeneratedRegex(@"^(?<ok>\d{1,6})/(?<all>\d{1,6}) healthy", RegexOptions.CultureInvariant)]
    private static partial Regex Healthy();

    [GeneratedRegex(@"IPv[46]: (?<used>\d{1,9})/(?<size>\d{1,9}) allocated", RegexOptions.CultureInvariant)]
    private static partial Regex Allocated();

    [GeneratedRegex(@"^\s{0,8}\S{1,120}\s{1,40}\S.{0,60}\s(?:failing|\d{1,6}\s+failure)|Failing controllers", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FailingController();
}
