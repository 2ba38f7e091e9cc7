using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>calicoctl node status</c>: whether calico-node runs, and every BGP peer's state; a peer that is not
/// Established is explained by its state and info columns, with the checks for TCP 179 and the node addresses.
/// </summary>
internal static class CalicoNodeStatusCheck
{
    private const string CalicoRequirements = "https://docs.tigera.io/calico/latest/getting-started/kubernetes/requirements";

    public static void Run(InspectionState state)
    {
        var lines = state.Paste.Lines;
        var notRunning = lines.FirstOrDefault(l => l.Contains("Calico process is not running", StringComparison.OrdinalIgnoreCase));
        var running = lines.Any(l => l.Contains("Calico process is running", StringComparison.OrdinalIgnoreCase));
        var header = lines.Any(l => l.Contains("PEER ADDRESS", StringComparison.Ordinal) && l.Contains("STATE", StringComparison.Ordinal));
        if (notRunning is null && !running && !header)
        {
            return;
        }

        state.Recognised(OutputKinds.CalicoNodeStatus);
        if (notRunning is not null)
        {
            state.Findings.Add(new Finding(
                Severity.Error,
                state.Pick("calico-node is not running on this node: no routes are programmed and no BGP sessions exist", "这个节点上的 calico-node 没有运行：没有下发路由，也没有 BGP 会话"),
                [notRunning.Trim()],
                [state.Pick("calicoctl node status reads the local calico-node (run it as root on the node itself).", "calicoctl node status 读取的是本机的 calico-node（需要在该节点上以 root 运行）。")],
                [
                    new(state.Pick("See why calico-node stopped", "查看 calico-node 为什么没有运行"), state.Pick(
                        "`kubectl get pods -A -o wide | grep calico-node` (this node's pod), then `kubectl -n <namespace> logs <calico-node-pod> -c calico-node --tail 100`.",
                        "`kubectl get pods -A -o wide | grep calico-node` 找到本节点的 Pod，然后 `kubectl -n <命名空间> logs <calico-node-pod> -c calico-node --tail 100`。"), StepImpact.ReadOnly, [KnowledgeLinks.CloudBgpAutodetection]),
                ],
                [KnowledgeLinks.CloudBgpAutodetection]));
        }

        var peers = Peers(lines);
        var down = peers.Where(c => !c[4].StartsWith("Established", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (down.Length > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Error,
                state.Pick(
                    $"{down.Length} of {peers.Length} BGP peers are not Established ({down[0][0]}: {down[0][2]}, {down[0][4]}): routes to those nodes' Pods are missing",
                    $"{peers.Length} 个 BGP 对端中有 {down.Length} 个不是 Established（{down[0][0]}：{down[0][2]}，{down[0][4]}）：到这些节点上 Pod 的路由缺失"),
                [.. down.Take(5).Select(c => "| " + string.Join(" | ", c) + " |")],
                [.. down.Select(c => c[4]).Distinct().Take(3).Select(info => Meaning(state, info))],
                [
                    new(state.Pick("Test TCP 179 to the peer", "测试到对端的 TCP 179"), state.Pick(
                        $"From this node: `nc -zv {down[0][0]} 179`. A timeout means a security group, NACL or firewall drops it; \"refused\" means nothing listens there (calico-node down on the peer).",
                        $"在本节点执行：`nc -zv {down[0][0]} 179`。超时说明被安全组、NACL 或防火墙拦截；\"refused\" 说明对端没有监听（对端的 calico-node 没有运行）。"), StepImpact.ReadOnly, [KnowledgeLinks.BgpPeersDown]),
                    new(state.Pick("Check the addresses the nodes peer with", "检查各节点用来建立 BGP 的地址"), state.Pick(
                        "`calicoctl get nodes -o wide`: each node's IPv4 must be the address the other nodes reach (not docker0, a VPN or a public IP that is not on the node); fix the autodetection with `IP_AUTODETECTION_METHOD` (for example `can-reach=<peer-ip>` or `interface=eth0`).",
                        "`calicoctl get nodes -o wide`：每个节点的 IPv4 必须是其他节点能到达的地址（不能是 docker0、VPN 或不在本机网卡上的公网 IP）；用 `IP_AUTODETECTION_METHOD`（例如 `can-reach=<对端 IP>` 或 `interface=eth0`）修正自动探测。"), StepImpact.ReadOnly, [KnowledgeLinks.CloudBgpAutodetection]),
                    new(state.Pick("Allow BGP between all nodes", "在所有节点之间放通 BGP"), state.Pick(
                        "Allow TCP 179 in both directions between every pair of nodes in the security groups and host firewalls; with IP-in-IP also IP protocol 4 (Azure drops IP-in-IP: use VXLAN there).",
                        "在安全组和主机防火墙中放通所有节点之间双向的 TCP 179；使用 IP-in-IP 时还要放通 IP 协议号 4（Azure 会丢弃 IP-in-IP，需改用 VXLAN）。"), StepImpact.Change, [KnowledgeLinks.BgpPeersDown]),
                ],
                [KnowledgeLinks.BgpPeersDown, KnowledgeLinks.CloudBgpAutodetection, CalicoRequirements]));
        }
        else if (peers.Length > 0)
        {
            state.Summary.Add(state.Pick($"calicoctl node status: all {peers.Length} BGP peers are Established.", $"calicoctl node status：{peers.Length} 个 BGP 对端全部是 Established。"));
        }

        var none = lines.FirstOrDefault(l => l.Contains("No IPv4 peers found", StringComparison.OrdinalIgnoreCase));
        if (none is not null && peers.Length == 0 && notRunning is null)
        {
            state.Findings.Add(new Finding(
                Severity.Info,
                state.Pick(
                    "No IPv4 BGP peers are configured: right for a single node; on a cluster of several nodes, Pods reach only Pods on their own node",
                    "没有配置任何 IPv4 BGP 对端：单节点集群正常；多节点集群中 Pod 只能访问本节点的 Pod"),
                [none.Trim()],
                [state.Pick(
                    "The usual causes on several nodes: all nodes share one name (cloned hosts: localhost.localdomain), or the node-to-node mesh is disabled without other peers.",
                    "多节点时的常见原因：所有节点同名（克隆出来的主机都叫 localhost.localdomain），或关闭了 node-to-node mesh 又没有配置其他对端。")],
                [new(state.Pick("List the Calico nodes", "列出 Calico 节点"), state.Pick(
                    "`calicoctl get nodes -o wide`: one line per node with distinct names and addresses is expected; `calicoctl get bgpconfig default -o yaml` shows `nodeToNodeMeshEnabled`.",
                    "`calicoctl get nodes -o wide`：应当每个节点一行，名字和地址各不相同；`calicoctl get bgpconfig default -o yaml` 可以看到 `nodeToNodeMeshEnabled`。"), StepImpact.ReadOnly, [KnowledgeLinks.NoPeers, KnowledgeLinks.DuplicateHostnames])],
                [KnowledgeLinks.NoPeers, KnowledgeLinks.DuplicateHostnames]));
        }
    }

    /// <summary>
    /// The rows of the peer table: address, type, state, since, info. A long INFO wraps onto a row whose other cells
    /// are empty ("Connect Socket: Connection" / "refused"): it is joined to the row above.
    /// </summary>
    private static string[][] Peers(IReadOnlyList<string> lines)
    {
        var peers = new List<string[]>();
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (!line.StartsWith('|') || line.Contains("PEER ADDRESS", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 5)
            {
                continue;
            }

            if (cells[0].Length == 0 && peers.Count > 0)
            {
                peers[^1][4] = (peers[^1][4] + " " + cells[4]).Trim();
                continue;
            }

            peers.Add(cells);
        }

        return [.. peers];
    }

    /// <summary>What BIRD's state and info columns say about a session that is not up.</summary>
    private static string Meaning(InspectionState state, string info)
    {
        if (info.Contains("refused", StringComparison.OrdinalIgnoreCase))
        {
            return state.Pick($"\"{info}\": the peer answered but nothing listens on TCP 179 (calico-node is down there).", $"\"{info}\"：对端有响应但 TCP 179 没有监听（对端的 calico-node 没有运行）。");
        }

        if (info.StartsWith("Passive", StringComparison.OrdinalIgnoreCase))
        {
            return state.Pick($"\"{info}\": this node waits for the peer to connect; the peer cannot reach this node's address on TCP 179.", $"\"{info}\"：本节点在等对端发起连接；对端无法通过 TCP 179 连到本节点的地址。");
        }

        if (info.StartsWith("Connect", StringComparison.OrdinalIgnoreCase) || info.StartsWith("Active", StringComparison.OrdinalIgnoreCase))
        {
            return state.Pick($"\"{info}\": the TCP connection to port 179 does not complete (dropped by a security group or firewall, or a wrong peer address).", $"\"{info}\"：到 179 端口的 TCP 连接建立不起来（被安全组或防火墙丢弃，或对端地址不对）。");
        }

        if (info.StartsWith("Open", StringComparison.OrdinalIgnoreCase))
        {
            return state.Pick($"\"{info}\": TCP works but the BGP session is not agreed (AS numbers or router IDs).", $"\"{info}\"：TCP 已通，但 BGP 会话协商不成功（AS 号或 router ID）。");
        }

        return state.Pick($"\"{info}\": the session is not established.", $"\"{info}\"：会话没有建立。");
    }
}
