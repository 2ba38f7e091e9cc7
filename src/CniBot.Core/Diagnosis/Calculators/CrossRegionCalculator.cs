namespace CniBot.Diagnosis.Calculators;

/// <summary>
/// The runbook for slow or failing traffic across regions, by symptom: <c>symptom</c> (throughput, latency, hangs,
/// loss, dns); for MTU-related symptoms also the MTU answers (<c>plugin</c>, <c>mode</c>, <c>family</c>,
/// <c>underlay</c>), whose computed MTU becomes part of the result.
/// </summary>
internal sealed class CrossRegionCalculator : IDiagnosisCalculator
{
    public string Name => "cross-region";

    public CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language)
    {
        var symptom = answers.GetValueOrDefault("symptom", "latency");
        var steps = new List<Recommendation>();
        var working = new List<string>();
        var notes = new List<string>();
        string headline;
        switch (symptom)
        {
            case "hangs":
            case "throughput":
                headline = symptom == "hangs"
                    ? language.Pick("Large transfers hang: check for an MTU black hole first", "大流量传输卡住：先排查 MTU 黑洞")
                    : language.Pick("Throughput dropped: check MTU and fragmentation, then encapsulation cost", "吞吐下降：先查 MTU 与分片，再看封装开销");
                if (answers.ContainsKey("plugin"))
                {
                    var mtu = new MtuFlowCalculator().Calculate(answers, language);
                    working.AddRange(mtu.Working);
                    steps.AddRange(mtu.Steps);
                    notes.AddRange(mtu.Notes);
                }

                steps.Add(new Recommendation(
                    language.Pick("Let PMTUD work, or clamp MSS", "让 PMTUD 生效，或钳制 MSS"),
                    language.Pick("Security groups and network ACLs must allow ICMP type 3 code 4 (IPv4) and ICMPv6 type 2, or packets that are too big vanish silently. Where you cannot, clamp TCP MSS to the path MTU on the gateway:",
                        "安全组和网络 ACL 必须放行 ICMP type 3 code 4（IPv4）和 ICMPv6 type 2，否则过大的报文会被静默丢弃。无法放行时，在网关上把 TCP MSS 钳制到路径 MTU：")
                    + "\n```\niptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n```",
                    StepImpact.Change,
                    ["mtu#what-is-a-pmtud-black-hole-and-which-icmp-messages-must-my-firewall-allow", "mtu#how-do-i-clamp-tcp-mss-to-the-path-mtu-with-iptables"]));
                if (symptom == "throughput")
                {
                    steps.Add(new Recommendation(
                        language.Pick("Measure pod-to-pod throughput", "测量 Pod 间吞吐"),
                        language.Pick("Compare several streams against one, and pods against nodes: a gap between pods and nodes is the overlay's cost.", "比较多流与单流、Pod 与节点：Pod 与节点之间的差距就是叠加网络的开销。")
                        + "\n```\nkubectl exec <server-pod> -- iperf3 -s\nkubectl exec <client-pod> -- iperf3 -c <server-pod-ip> -t 30 -P 4\n```",
                        StepImpact.ReadOnly,
                        ["choosing#how-do-i-measure-pod-to-pod-throughput-with-iperf3", "troubleshooting#how-do-i-troubleshoot-a-throughput-drop-on-an-overlay-or-encrypted-pod-network"]));
                }

                break;
            case "loss":
                headline = language.Pick("Packets are lost: find where they are dropped", "出现丢包：找出丢在哪里");
                steps.Add(new Recommendation(
                    language.Pick("Read the drop counters", "查看丢包计数"),
                    language.Pick("On each node: NIC drops, softnet drops and a full conntrack table (kernel log \"nf_conntrack: table full, dropping packet\"); with Cilium, drops by reason.",
                        "在每个节点上检查：网卡丢包、softnet 丢包，以及 conntrack 表满（内核日志 \"nf_conntrack: table full, dropping packet\"）；使用 Cilium 时按原因查看丢包。")
                    + "\n```\nip -s link show\ndmesg | grep -i conntrack\ncat /proc/sys/net/netfilter/nf_conntrack_count /proc/sys/net/netfilter/nf_conntrack_max\nkubectl -n kube-system exec ds/cilium -- cilium-dbg metrics list | grep drop_count\n```",
                    StepImpact.ReadOnly,
                    ["troubleshooting#how-do-i-find-where-packets-are-being-lost-between-nodes-or-regions", "troubleshooting#how-do-i-confirm-and-fix-a-full-conntrack-table-nf_conntrack-table-full-dropping-packet"]));
                steps.Add(new Recommendation(
                    language.Pick("Check that the overlay's ports are open between regions", "确认区域之间放通了叠加网络的端口"),
                    language.Pick("VXLAN: UDP 4789 (Calico) or 8472 (flannel, Cilium); Geneve UDP 6081; WireGuard UDP 51820/51821 (Calico, flannel) or 51871 (Cilium); BGP TCP 179; IPsec needs ESP, which AWS security groups do not allow by default; Azure drops IP-in-IP.",
                        "VXLAN：UDP 4789（Calico）或 8472（flannel、Cilium）；Geneve UDP 6081；WireGuard UDP 51820/51821（Calico、flannel）或 51871（Cilium）；BGP TCP 179；IPsec 需要 ESP，而 AWS 安全组默认不放行；Azure 会丢弃 IP-in-IP。"),
                    StepImpact.ReadOnly,
                    ["troubleshooting#which-ports-must-security-groups-allow-for-vxlan-geneve-and-wireguard-overlays"]));
                break;
            case "dns":
                headline = language.Pick("DNS is slow: look at ndots and conntrack races", "DNS 慢：检查 ndots 与 conntrack 竞争");
                steps.Add(new Recommendation(
                    language.Pick("Check the pod's resolver settings", "检查 Pod 的解析配置"),
                    language.Pick("With the default `options ndots:5`, a name with fewer than five dots is first tried with every search domain; delays of exactly 5 s point at dropped parallel UDP queries (kubernetes/kubernetes#56903).",
                        "默认的 `options ndots:5` 会让点号少于五个的域名先依次拼接每个搜索域；恰好 5 秒的延迟通常意味着并发的 UDP 查询被丢弃（kubernetes/kubernetes#56903）。")
                    + "\n```\nkubectl exec <pod> -- cat /etc/resolv.conf\n```",
                    StepImpact.ReadOnly,
                    ["troubleshooting#why-do-dns-lookups-in-pods-take-5-seconds-and-what-does-ndots5-have-to-do-with-it"]));
                steps.Add(new Recommendation(
                    language.Pick("Lower ndots and cache DNS on the node", "调低 ndots 并在节点上缓存 DNS"),
                    language.Pick("Set `dnsConfig.options` in the pod spec, and deploy NodeLocal DNSCache, which avoids iptables DNAT and conntrack for DNS:", "在 Pod spec 中设置 `dnsConfig.options`，并部署 NodeLocal DNSCache，让 DNS 绕过 iptables DNAT 和 conntrack：")
                    + "\n```yaml\ndnsConfig:\n  options:\n  - name: ndots\n    value: \"2\"\n```",
                    StepImpact.Change,
                    ["troubleshooting#why-do-dns-lookups-in-pods-take-5-seconds-and-what-does-ndots5-have-to-do-with-it"]));
                break;
            default:
                headline = language.Pick("Latency between regions is high: measure, then remove avoidable hops", "跨区域延迟高：先测量，再去掉可避免的环节");
                steps.Add(new Recommendation(
                    language.Pick("Measure round trips at each layer", "逐层测量往返时延"),
                    language.Pick("Node to node, pod to pod, and request/response; the difference between layers shows what the overlay and the application add.", "分别测节点到节点、Pod 到 Pod 以及请求/响应；各层之间的差距说明叠加网络和应用各自增加了多少。")
                    + "\n```\nping -c 20 <peer-node-ip>\nkubectl exec <pod> -- ping -c 20 <peer-pod-ip>\nkubectl exec <client-pod> -- netperf -H <server-pod-ip> -t TCP_RR\n```",
                    StepImpact.ReadOnly,
                    ["troubleshooting#how-do-i-troubleshoot-high-latency-between-pods-in-different-regions", "choosing#how-do-i-measure-pod-to-pod-latency-with-netperf-tcp_rr"]));
                steps.Add(new Recommendation(
                    language.Pick("Keep chatty traffic and the control plane in one region", "把频繁交互的流量和控制面留在同一区域"),
                    language.Pick("Distance sets a floor no CNI can lower: keep etcd and the control plane regional, and federate services across regions instead of stretching one cluster.",
                        "距离决定了延迟下限，任何 CNI 都无法降低：让 etcd 和控制面留在单一区域，跨区域时在服务层联邦，而不是拉伸一个集群。"),
                    StepImpact.ReadOnly,
                    ["troubleshooting#should-etcd-and-the-kubernetes-control-plane-span-regions", "overview#why-is-pod-to-pod-latency-so-much-higher-between-regions"]));
                break;
        }

        return new CalculationResult(headline, working, steps, notes);
    }
}
