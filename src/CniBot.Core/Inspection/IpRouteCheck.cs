using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>ip route</c>: the routes to other nodes' Pod networks (through tunl0, vxlan.calico, flannel.1, cilium_host,
/// WireGuard, or BGP-learnt <c>proto bird</c> routes) and <c>unreachable</c> routes. A node that runs Pods but has no
/// route to any other node's Pods reaches only its own. Calico's <c>blackhole</c> route for the node's own block is
/// normal and said to be.
/// </summary>
internal static partial class IpRouteCheck
{
    private static readonly HashSet<string> CniDevices = new(StringComparer.Ordinal) { "tunl0", "vxlan.calico", "flannel.1", "flannel-wg", "cilium_host", "wireguard.cali", "vxlan-v6.calico", "flannel-v6.1" };

    public static void Run(InspectionState state)
    {
        var routes = state.Paste.Lines.Select(l => Route().Match(l)).Where(m => m.Success).ToArray();
        if (routes.Length < 2)
        {
            return;
        }

        state.Recognised(OutputKinds.IpRoute);
        var remote = routes.Where(r => CniDevices.Contains(r.Groups["dev"].Value) || r.Value.Contains("proto bird", StringComparison.Ordinal)).Where(r => r.Groups["kind"].Value.Length == 0).ToArray();
        var local = routes.Where(r => r.Groups["dev"].Value is "cni0" or "cbr0" || r.Groups["dev"].Value.StartsWith("cali", StringComparison.Ordinal) || r.Groups["dev"].Value.StartsWith("lxc", StringComparison.Ordinal)).ToArray();
        var unreachable = routes.Where(r => r.Groups["kind"].Value == "unreachable").ToArray();
        if (remote.Length == 0 && local.Length > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick("This node has routes to its own Pods but to no other node's Pods: only local Pods are reachable", "这个节点只有到本机 Pod 的路由，没有到其他节点 Pod 的路由：只能访问本机的 Pod"),
                [.. local.Take(2).Select(r => r.Value.Trim()), .. routes.Where(r => r.Groups["dest"].Value == "default").Take(1).Select(r => r.Value.Trim())],
                [state.Pick(
                    "The CNI programs one route per other node (via tunl0, vxlan.calico or flannel.1, or learnt over BGP): none means its agent is not running here, or BGP has no established peer.",
                    "CNI 会为每个其他节点下发一条路由（经 tunl0、vxlan.calico 或 flannel.1，或通过 BGP 学到）：一条都没有，说明本机的 agent 没有运行，或者 BGP 没有建立任何对端。")],
                [new(state.Pick("Check the agent and its peers", "检查 agent 和对端"), state.Pick("`kubectl get pods -A -o wide | grep <node>` for the CNI's Pod here; with Calico also `calicoctl node status` (paste it here).", "`kubectl get pods -A -o wide | grep <节点>` 查看本机的 CNI Pod；使用 Calico 时再执行 `calicoctl node status`（可以贴到这里）。"), StepImpact.ReadOnly, [KnowledgeLinks.BgpPeersDown])],
                [KnowledgeLinks.BgpPeersDown]));
        }

        if (unreachable.Length > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"{unreachable.Length} unreachable route(s): traffic to {unreachable[0].Groups["dest"].Value} is refused on this node", $"{unreachable.Length} 条 unreachable 路由：本机会拒绝发往 {unreachable[0].Groups["dest"].Value} 的流量"),
                [.. unreachable.Take(3).Select(r => r.Value.Trim())],
                [],
                [new(state.Pick("Find who added it", "找出是谁添加的"), state.Pick("The `proto` field names the owner (bird: Calico; kernel; static: an administrator); `ip route get <address>` shows the route a packet takes.", "`proto` 字段表明来源（bird 是 Calico，kernel 是内核，static 是管理员）；`ip route get <地址>` 显示数据包实际走的路由。"), StepImpact.ReadOnly, [])],
                []));
        }

        var byDevice = remote.GroupBy(r => r.Groups["dev"].Value.Length > 0 ? r.Groups["dev"].Value : "bgp").Select(g => $"{g.Key} ({g.Count()})");
        var blackholes = routes.Count(r => r.Groups["kind"].Value == "blackhole");
        state.Summary.Add(state.Pick(
            $"ip route: {remote.Length} route(s) to other nodes' Pods{(remote.Length > 0 ? " via " + string.Join(", ", byDevice) : string.Empty)}{(blackholes > 0 ? $"; {blackholes} blackhole route(s) for this node's own Calico block(s), which is normal" : string.Empty)}.",
            $"ip route：{remote.Length} 条到其他节点 Pod 的路由{(remote.Length > 0 ? "，经 " + string.Join("、", byDevice) : string.Empty)}{(blackholes > 0 ? $"；{blackholes} 条 blackhole 路由对应本机自己的 Calico 地址块，属正常" : string.Empty)}。"));
    }

    // "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", "blackhole 192.168.45.0/26 proto bird", "default via 10.0.0.1 dev eth0"
    [GeneratedRegex(@"^\s{0,4}(?:(?<kind>blackhole|unreachable|prohibit)\s+)?(?<dest>default|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)\s+(?:via \S{1,64}\s+)?(?:dev (?<dev>\S{1,32}))?.{0,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex Route();
}
