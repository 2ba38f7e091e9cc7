using System.Globalization;

namespace CniBot.Diagnosis.Calculators;

/// <summary>The inputs of an MTU calculation. Plugin and mode are the names <see cref="MtuCalculator.Plugins"/> lists.</summary>
/// <param name="Path">The preset the underlay MTU came from (<see cref="MtuCalculator.Underlays"/>), when known: notes about
/// source disagreements then apply to that path only.</param>
public sealed record MtuRequest(string Plugin, string Mode, int UnderlayMtu, bool Ipv6 = false, bool IpsecUdpEncapsulation = false, string? Path = null);

/// <summary>The pod MTU, the overhead behind it, and a full, language-specific explanation.</summary>
public sealed record MtuResult(int PodMtu, int OverheadBytes, string Explanation, CalculationResult Details);

/// <summary>A known path between nodes and the MTU it allows.</summary>
public sealed record UnderlayPreset(string Id, int Mtu, string En, string Zh, string Source);

/// <summary>Bad input for the calculator: an unknown plugin or mode, or a combination that does not exist.</summary>
public sealed class MtuInputException(string message, IReadOnlyList<string> validValues) : ArgumentException(message)
{
    public IReadOnlyList<string> ValidValues { get; } = validValues;
}

/// <summary>
/// Pod MTU = underlay MTU − encapsulation/encryption overhead, per plugin, mode and IP family, with the arithmetic,
/// the exact change to make for that plugin, what it affects, and commands (with expected results) to verify it.
/// </summary>
public static class MtuCalculator
{
    private const string CalicoMtuDoc = "https://docs.tigera.io/calico/latest/networking/configuring/mtu";
    private const string FlannelBackends = "https://github.com/flannel-io/flannel/blob/master/Documentation/backends.md";
    private const string CiliumMtuGo = "https://github.com/cilium/cilium/blob/main/pkg/mtu/mtu.go";
    private const string CiliumWireGuardPr = "https://github.com/cilium/cilium/pull/45940";

    /// <summary>What an Azure VM's NIC reports; the VNet itself carries 1400 bytes without fragmenting.</summary>
    private const int AzureNicMtu = 1500;
    private const string AntreaNodeConfig = "https://github.com/antrea-io/antrea/blob/main/pkg/agent/config/node_config.go";
    private const string AwsMtuDoc = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/network_mtu.html";

    /// <summary>Overhead in bytes for IPv4 and IPv6 (null: that family is not supported in this mode).</summary>
    private sealed record Overhead(int? V4, int? V6, string Source);

    private static readonly Dictionary<string, Dictionary<string, Overhead>> Table = new(StringComparer.Ordinal)
    {
        // Calico: "IP in IP uses a 20-byte header, IPv4 VXLAN uses a 50-byte header, IPv6 VXLAN uses a 70-byte header,
        // IPv4 WireGuard uses a 60-byte header and IPv6 WireGuard uses an 80-byte header" (Configure MTU). IP-in-IP
        // carries IPv4 only. No encapsulation (BGP): the network MTU as is.
        ["calico"] = new(StringComparer.Ordinal)
        {
            ["none"] = new(0, 0, CalicoMtuDoc),
            ["ipip"] = new(20, null, CalicoMtuDoc),
            ["vxlan"] = new(50, 70, CalicoMtuDoc),
            ["wireguard"] = new(60, 80, CalicoMtuDoc),
        },

        // flannel: vxlan encapOverhead = 50, also applied to the flannel-v6 device (pkg/backend/vxlan); wireguard
        // overhead = 80 (pkg/backend/wireguard); udp encapOverhead = 28, an IPv4 header plus UDP (pkg/backend/udp);
        // ipsec 77, +8 with UDPEncap (pkg/backend/ipsec); ipip MTU − 20 (pkg/backend/ipip); host-gw none.
        ["flannel"] = new(StringComparer.Ordinal)
        {
            ["none"] = new(0, 0, FlannelBackends),
            ["vxlan"] = new(50, 50, FlannelBackends),
            ["wireguard"] = new(80, 80, FlannelBackends),
            ["udp"] = new(28, null, FlannelBackends),
            ["ipsec"] = new(77, null, FlannelBackends),
            ["ipip"] = new(20, null, FlannelBackends),
        },

        // Cilium pkg/mtu/mtu.go: TunnelOverheadIPv4 = 50, TunnelOverheadIPv6 = 70 (by the underlay's family);
        // EncryptionIPsecOverhead = 77; WireguardOverhead = 95 since PR #45940 (2026-05), 80 before; native routing:
        // DeviceMTU with no deduction.
        ["cilium"] = new(StringComparer.Ordinal)
        {
            ["none"] = new(0, 0, CiliumMtuGo),
            ["vxlan"] = new(50, 70, CiliumMtuGo),
            ["geneve"] = new(50, 70, CiliumMtuGo),
            ["ipsec"] = new(77, 77, CiliumMtuGo),
            ["wireguard"] = new(95, 95, CiliumWireGuardPr),
        },

        // Antrea pkg/agent/config/node_config.go: vxlanOverhead = geneveOverhead = 50, ipv6ExtraOverhead = 20,
        // WireGuardOverhead = 60 ("20-byte outer IPv4 ...").
        ["antrea"] = new(StringComparer.Ordinal)
        {
            ["none"] = new(0, 0, AntreaNodeConfig),
            ["vxlan"] = new(50, 70, AntreaNodeConfig),
            ["geneve"] = new(50, 70, AntreaNodeConfig),
            ["wireguard"] = new(60, null, AntreaNodeConfig),
        },

        // AWS VPC CNI and Azure CNI (flat or overlay) do not encapsulate: pods use the underlay's MTU as is.
        ["aws-vpc-cni"] = new(StringComparer.Ordinal) { ["none"] = new(0, 0, "https://github.com/aws/amazon-vpc-cni-k8s/blob/master/README.md") },
        ["azure-cni"] = new(StringComparer.Ordinal) { ["none"] = new(0, 0, "https://learn.microsoft.com/en-gb/azure/aks/concepts-network-azure-cni-overlay") },
    };

    private static readonly Dictionary<string, string> ModeAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host-gw"] = "none",
        ["native"] = "none",
        ["native-routing"] = "none",
        ["bgp"] = "none",
        ["ip-in-ip"] = "ipip",
        ["wg"] = "wireguard",
    };

    /// <summary>Paths between nodes with a documented MTU (shared/facts §2).</summary>
    public static IReadOnlyList<UnderlayPreset> Underlays { get; } =
    [
        new("aws-vpc", 9001, "AWS, inside one VPC (jumbo frames)", "AWS 同一 VPC 内（巨型帧）", AwsMtuDoc),
        new("aws-peering", 8500, "AWS, inter-region VPC peering", "AWS 跨区域 VPC 对等连接", AwsMtuDoc),
        new("aws-tgw", 8500, "AWS, through a transit gateway", "AWS 经 Transit Gateway", "https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway"),
        new("aws-internet", 1500, "AWS, over an internet gateway or a VPN", "AWS 经互联网网关或 VPN", AwsMtuDoc),
        new("gcp", 1460, "GCP VPC default (configurable 1300–8896)", "GCP VPC 默认值（可设 1300–8896）", "https://docs.cloud.google.com/vpc/docs/mtu"),
        new("azure", 1400, "Azure VNet (NIC 1500, 1400 effective)", "Azure VNet（网卡 1500，实际 1400）", "https://docs.azure.cn/en-us/virtual-network/how-to-virtual-machine-mtu"),
        new("alibaba", 1500, "Alibaba Cloud ECS (standard)", "阿里云 ECS（标准）", "https://www.alibabacloud.com/help/en/ecs/user-guide/mtus/"),
        new("alibaba-jumbo", 8500, "Alibaba Cloud ECS with jumbo frames", "阿里云 ECS 开启巨型帧", "https://www.alibabacloud.com/help/en/ecs/user-guide/mtus/"),
    ];

    public static IReadOnlyList<string> Plugins { get; } = [.. Table.Keys];

    /// <exception cref="MtuInputException">Unknown plugin or mode, an unsupported IP family, or an MTU out of range.</exception>
    public static MtuResult Calculate(MtuRequest request, Language language = Language.En)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plugin = Normalize(request.Plugin);
        if (!Table.TryGetValue(plugin, out var modes))
        {
            throw new MtuInputException(language.Pick($"unknown plugin '{request.Plugin}'", $"未知插件“{request.Plugin}”"), Plugins);
        }

        var mode = Normalize(request.Mode);
        mode = ModeAliases.GetValueOrDefault(mode, mode);
        if (!modes.TryGetValue(mode, out var overhead))
        {
            throw new MtuInputException(language.Pick($"{Name(plugin)} has no mode '{request.Mode}'", $"{Name(plugin)} 没有“{request.Mode}”模式"), [.. modes.Keys]);
        }

        var minimum = request.Ipv6 ? 1280 : 576; // IPv6 requires links of at least 1280 bytes; IPv4 hosts must accept 576.
        if (request.UnderlayMtu < minimum || request.UnderlayMtu > 9216)
        {
            throw new MtuInputException(
                language.Pick($"an underlay MTU of {request.UnderlayMtu} is out of range ({minimum}–9216)", $"底层 MTU {request.UnderlayMtu} 超出范围（{minimum}–9216）"),
                [.. Underlays.Select(u => u.Mtu.ToString(CultureInfo.InvariantCulture)).Distinct()]);
        }

        var bytes = request.Ipv6 ? overhead.V6 : overhead.V4;
        if (bytes is null)
        {
            throw new MtuInputException(
                language.Pick($"{Name(plugin)} {ModeName(mode, language)} does not carry IPv6", $"{Name(plugin)} {ModeName(mode, language)} 不支持 IPv6"),
                [.. modes.Where(m => m.Value.V6 is not null).Select(m => m.Key)]);
        }

        // Calico's MTU table for AKS sizes VXLAN from the NIC's 1500 bytes: only WireGuard, which sets Don't Fragment,
        // is held to the 1400 the VNet carries unfragmented (docs.tigera.io/calico/latest/networking/configuring/mtu).
        var azureVxlan = request.Path == "azure" && plugin == "calico" && mode == "vxlan";
        if (azureVxlan)
        {
            request = request with { UnderlayMtu = AzureNicMtu };
        }

        var total = bytes.Value + (plugin == "flannel" && mode == "ipsec" && request.IpsecUdpEncapsulation ? 8 : 0);
        var podMtu = request.UnderlayMtu - total;
        var family = request.Ipv6 ? "IPv6" : "IPv4";
        var working = new List<string>
        {
            total == 0
                ? language.Pick($"{Name(plugin)} {ModeName(mode, language)} adds no header: the pod MTU is the underlay MTU, {request.UnderlayMtu}.",
                      $"{Name(plugin)} {ModeName(mode, language)} 不增加报头：Pod MTU 等于底层 MTU，即 {request.UnderlayMtu}。")
                : language.Pick($"{Name(plugin)} {ModeName(mode, language)} over {family} adds {total} bytes per packet: {request.UnderlayMtu} − {total} = {podMtu}.",
                      $"{Name(plugin)} {ModeName(mode, language)}（{family}）每个报文增加 {total} 字节：{request.UnderlayMtu} − {total} = {podMtu}。"),
        };
        if (azureVxlan)
        {
            working.Insert(0, language.Pick(
                "On AKS, Calico's MTU table sizes VXLAN from the NIC's 1500 bytes; only WireGuard, which sets Don't Fragment, uses the 1400 bytes the VNet carries unfragmented.",
                "在 AKS 上，Calico 的 MTU 表按网卡的 1500 字节计算 VXLAN；只有会设置“禁止分片”的 WireGuard 才按 VNet 不分片承载的 1400 字节计算。"));
        }

        var notes = new List<string>();
        AddNotes(plugin, mode, request, language, working, notes);
        var explanation = string.Join(' ', working);
        var details = new CalculationResult(
            language.Pick($"Set the pod MTU to {podMtu}", $"把 Pod MTU 设为 {podMtu}"),
            working,
            [Change(plugin, mode, request, podMtu, language), .. Verify(plugin, mode, request, podMtu, language)],
            [.. notes, language.Pick($"Source of the overhead: {overhead.Source}", $"开销数值来源：{overhead.Source}")]);
        return new MtuResult(podMtu, total, explanation, details);
    }

    private static void AddNotes(string plugin, string mode, MtuRequest request, Language language, List<string> working, List<string> notes)
    {
        if (plugin == "cilium" && mode == "wireguard")
        {
            working.Add(language.Pick(
                $"Cilium counts 95 bytes for WireGuard since PR #45940 (2026-05): WireGuard may pad a packet by up to 15 bytes, and with 80 a full 1500-byte packet could grow to 1504 and fragment. Cilium releases before that change count 80: {request.UnderlayMtu} − 80 = {request.UnderlayMtu - 80}.",
                $"自 PR #45940（2026-05）起，Cilium 按 95 字节计算 WireGuard 开销：WireGuard 最多会填充 15 字节，按 80 计算时 1500 字节的报文可能变成 1504 字节而被分片。该修改之前的 Cilium 版本按 80 计算：{request.UnderlayMtu} − 80 = {request.UnderlayMtu - 80}。"));
            notes.Add(language.Pick(
                "In tunnel mode, WireGuard traffic is encapsulated twice: subtract the tunnel overhead (50, or 70 over IPv6) as well.",
                "隧道模式下 WireGuard 流量会被封装两次：还要再减去隧道开销（50，IPv6 为 70）。"));
        }

        if (plugin == "cilium" && mode is "vxlan" or "geneve")
        {
            notes.Add(language.Pick(
                "Cilium sizes its tunnel header by the IP family of the nodes' addresses (the underlay), not the pods': 50 bytes between IPv4 nodes, 70 between IPv6 nodes. Answer IPv6 here only when the nodes talk IPv6.",
                "Cilium 按节点地址（底层网络）的 IP 协议族计算隧道报头，而不是按 Pod 的：IPv4 节点之间 50 字节，IPv6 节点之间 70 字节。只有节点之间走 IPv6 时才选 IPv6。"));
        }

        if (plugin == "flannel" && mode == "vxlan" && request.Ipv6)
        {
            notes.Add(language.Pick(
                "Sources disagree: flannel subtracts 50 even for its IPv6 VXLAN device, while Calico and Cilium count 70 for an IPv6 outer header. If large IPv6 packets fail, try 20 bytes less.",
                "来源不一致：flannel 对 IPv6 VXLAN 设备也只减 50，而 Calico 和 Cilium 按 IPv6 外层报头计 70。若 IPv6 大包失败，可再减 20 字节。"));
        }

        if (plugin == "flannel" && mode == "ipsec")
        {
            working.Add(request.IpsecUdpEncapsulation
                ? language.Pick("With UDPEncap, flannel adds 8 bytes more (77 + 8 = 85).", "启用 UDPEncap 时 flannel 再加 8 字节（77 + 8 = 85）。")
                : language.Pick("With UDPEncap set, add 8 bytes more (85 in all).", "若启用 UDPEncap，还要再加 8 字节（共 85）。"));
        }

        if (request.Path is "aws-peering" or "aws-tgw" || (request.Path is null && request.UnderlayMtu == 8500))
        {
            notes.Add(language.Pick(
                "AWS documents disagree on inter-region VPC peering: the current page allows 8500, an older one 1500. Verify the path with tracepath before relying on 8500.",
                "AWS 文档对跨区域 VPC 对等连接说法不一：当前页面为 8500，旧版为 1500。依赖 8500 之前先用 tracepath 验证路径。"));
        }

        if (request.Path is "azure" || (request.Path is null && request.UnderlayMtu == 1400))
        {
            notes.Add(language.Pick(
                "Azure NICs show 1500, but the VNet stack fragments above 1400; Calico's AKS table uses 1400 for WireGuard and 1500 for VXLAN.",
                "Azure 网卡显示 1500，但 VNet 协议栈在超过 1400 时分片；Calico 的 AKS 表格对 WireGuard 按 1400、对 VXLAN 按 1500 计算。"));
        }
    }

    private static Recommendation Change(string plugin, string mode, MtuRequest request, int podMtu, Language language)
    {
        var felixField = (mode, request.Ipv6) switch
        {
            ("vxlan", false) => "vxlanMTU",
            ("vxlan", true) => "vxlanMTUV6",
            ("ipip", _) => "ipipMTU",
            ("wireguard", false) => "wireguardMTU",
            ("wireguard", true) => "wireguardMTUV6",
            _ => null,
        };
        return plugin switch
        {
            "calico" => new Recommendation(
                language.Pick($"Set Calico's MTU to {podMtu}", $"把 Calico 的 MTU 设为 {podMtu}"),
                language.Pick("Operator install:", "Operator 安装：") + $"\n```\nkubectl patch installation.operator.tigera.io default --type merge -p '{{\"spec\":{{\"calicoNetwork\":{{\"mtu\":{podMtu}}}}}}}'\n```\n"
                + language.Pick("Manifest install: set `veth_mtu` in the `calico-config` ConfigMap, then restart calico-node:", "Manifest 安装：修改 `calico-config` ConfigMap 中的 `veth_mtu`，然后重启 calico-node：")
                + $"\n```\nkubectl -n kube-system patch configmap calico-config --type merge -p '{{\"data\":{{\"veth_mtu\":\"{podMtu}\"}}}}'\nkubectl rollout restart daemonset calico-node -n kube-system\n```\n"
                + (felixField is null ? string.Empty : language.Pick($"The tunnel device's MTU is FelixConfiguration `{felixField}` (0 = auto-detect); set it to the same value.", $"隧道设备的 MTU 由 FelixConfiguration `{felixField}` 控制（0 为自动探测），设为同一数值。") + "\n")
                + language.Pick("The new MTU applies to new pods only: restart workloads (rolling) to pick it up.", "新 MTU 只对新建的 Pod 生效：需要（滚动）重启工作负载。"),
                StepImpact.Disruptive,
                ["calico#how-do-i-change-the-calico-mtu", "mtu#how-does-calico-choose-its-mtu-and-how-do-i-change-it-safely"]),
            "cilium" => new Recommendation(
                language.Pick($"Set Cilium's base MTU to {request.UnderlayMtu}", $"把 Cilium 的基础 MTU 设为 {request.UnderlayMtu}"),
                language.Pick($"The Helm value `MTU` is the underlay (base) MTU; Cilium subtracts its overhead itself and gives pods {podMtu}:", $"Helm 值 `MTU` 是底层（基础）MTU，Cilium 会自行减去开销，Pod 得到 {podMtu}：")
                + $"\n```\nhelm upgrade cilium cilium/cilium -n kube-system --reuse-values --set MTU={request.UnderlayMtu}\nkubectl -n kube-system rollout restart ds/cilium\n```\n"
                + language.Pick("Pods created before the change keep their old route MTU: restart workloads (rolling).", "变更前创建的 Pod 保留旧的路由 MTU：需要（滚动）重启工作负载。"),
                StepImpact.Disruptive,
                ["cilium#how-does-cilium-detect-the-mtu-and-what-does-the-helm-mtu-value-change", "mtu#how-does-cilium-set-its-mtu-and-how-do-i-override-it-with-helm"]),
            "flannel" => new Recommendation(
                language.Pick($"Make flannel give pods {podMtu}", $"让 flannel 给 Pod 分配 {podMtu}"),
                language.Pick($"flannel derives the MTU from the node interface and writes it to `/run/flannel/subnet.env` (`FLANNEL_MTU`). To override, set the backend's `MTU` (the outgoing packet size, {request.UnderlayMtu}) in `net-conf.json` of the kube-flannel ConfigMap, then restart flannel and the workloads. Do not change the backend type of a running cluster.",
                    $"flannel 根据节点网卡推导 MTU，并写入 `/run/flannel/subnet.env`（`FLANNEL_MTU`）。如需覆盖，在 kube-flannel ConfigMap 的 `net-conf.json` 中设置后端的 `MTU`（出站报文大小 {request.UnderlayMtu}），然后重启 flannel 和工作负载。不要在运行中的集群里更换后端类型。")
                + $"\n```\n\"Backend\": {{ \"Type\": \"{(mode == "none" ? "host-gw" : mode)}\", \"MTU\": {request.UnderlayMtu} }}\n```",
                StepImpact.Disruptive,
                ["flannel#how-does-flannel-set-the-mtu-and-how-do-i-change-it"]),
            "aws-vpc-cni" => new Recommendation(
                language.Pick($"Set the AWS VPC CNI pod MTU to {podMtu}", $"把 AWS VPC CNI 的 Pod MTU 设为 {podMtu}"),
                language.Pick("The AWS VPC CNI reads `POD_MTU` (default: `AWS_VPC_ENI_MTU`, itself 9001 by default) from the aws-node DaemonSet:", "AWS VPC CNI 从 aws-node DaemonSet 读取 `POD_MTU`（默认取 `AWS_VPC_ENI_MTU`，后者默认 9001）：")
                + $"\n```\nkubectl -n kube-system set env daemonset aws-node POD_MTU={podMtu}\n```\n"
                + language.Pick("This restarts aws-node on every node; pods created afterwards get the new MTU.", "这会在每个节点上重启 aws-node；之后创建的 Pod 使用新 MTU。"),
                StepImpact.Disruptive,
                ["aws-vpc-cni#which-mtu-does-the-aws-vpc-cni-use-aws_vpc_eni_mtu-and-pod_mtu"]),
            _ => new Recommendation(
                language.Pick($"{Name(plugin)} sets the MTU itself", $"{Name(plugin)} 自行设置 MTU"),
                language.Pick($"{Name(plugin)} computes the pod MTU from the node's interface; make sure the node interfaces carry {request.UnderlayMtu} end to end rather than overriding the plugin.",
                    $"{Name(plugin)} 根据节点网卡计算 Pod MTU；应确保节点网卡在整条路径上都能承载 {request.UnderlayMtu}，而不是覆盖插件的设置。"),
                StepImpact.ReadOnly,
                [plugin == "antrea" ? "antrea#how-does-the-antrea-agent-calculate-the-pod-mtu" : "azure-cni#what-mtu-does-an-azure-vm-or-aks-node-really-have"]),
        };
    }

    private static IEnumerable<Recommendation> Verify(string plugin, string mode, MtuRequest request, int podMtu, Language language)
    {
        // ping's -s is the ICMP payload: the packet is payload + 8 (ICMP) + 20 (IPv4) or 40 (IPv6) bytes.
        var headers = request.Ipv6 ? 48 : 28;
        var ping = request.Ipv6 ? "ping -6 -M do" : "ping -M do";
        yield return new Recommendation(
            language.Pick("Verify the pod path with ping", "用 ping 验证 Pod 间路径"),
            language.Pick($"From a pod on one node to a pod on another node (across the regions in question): {podMtu} − {headers} = {podMtu - headers} bytes of payload must pass with the don't-fragment flag, one byte more must not.",
                $"从一个节点上的 Pod ping 另一个节点上的 Pod（跨越相关区域）：带不分片标志时，{podMtu} − {headers} = {podMtu - headers} 字节的负载必须能通过，多一个字节则不能。")
            + $"\n```\nkubectl exec <pod> -- {ping} -c 3 -s {podMtu - headers} <peer-pod-ip>   # {language.Pick("expect 3 replies", "应收到 3 个回复")}\nkubectl exec <pod> -- {ping} -c 3 -s {podMtu - headers + 1} <peer-pod-ip>   # {language.Pick("expect \"message too long\" or no reply", "应出现 \"message too long\" 或无回复")}\n```",
            StepImpact.ReadOnly,
            ["mtu#how-do-i-verify-the-path-mtu-with-ping-tracepath-and-ip-link"]);
        yield return new Recommendation(
            language.Pick("Verify the path between nodes with tracepath", "用 tracepath 验证节点间路径"),
            language.Pick($"On a node, towards the other node: the reported pmtu must be at least {request.UnderlayMtu}; a smaller value means the path cannot carry that underlay MTU.",
                $"在节点上对另一节点执行：报告的 pmtu 必须不小于 {request.UnderlayMtu}；更小说明这条路径承载不了该底层 MTU。")
            + $"\n```\ntracepath -n <peer-node-ip>   # {language.Pick($"expect \"pmtu {request.UnderlayMtu}\" or more", $"应看到 \"pmtu {request.UnderlayMtu}\" 或更大")}\n```",
            StepImpact.ReadOnly,
            ["mtu#how-do-i-verify-the-path-mtu-with-ping-tracepath-and-ip-link"]);
        var device = (plugin, mode) switch
        {
            ("calico", "ipip") => "tunl0",
            ("calico", "vxlan") => request.Ipv6 ? null : "vxlan.calico",
            ("flannel", "vxlan") => request.Ipv6 ? "flannel-v6.1" : "flannel.1",
            ("flannel", "wireguard") => request.Ipv6 ? "flannel-wg-v6" : "flannel-wg",
            ("cilium", "vxlan") => "cilium_vxlan",
            ("cilium", "geneve") => "cilium_geneve",
            _ => null,
        };
        yield return new Recommendation(
            language.Pick("Check the interfaces' MTU", "检查网卡的 MTU"),
            (device is null
                ? string.Empty
                : language.Pick($"On a node, the tunnel device `{device}` should show `mtu {podMtu}`:", $"在节点上，隧道设备 `{device}` 应显示 `mtu {podMtu}`：") + $"\n```\nip -d link show {device}\n```\n")
            + (plugin == "cilium"
                ? language.Pick($"Cilium applies the MTU to the route inside the pod: `ip route` there should show `mtu {podMtu}`.", $"Cilium 把 MTU 设在 Pod 内的路由上：在 Pod 内 `ip route` 应显示 `mtu {podMtu}`。") + "\n```\nkubectl exec <pod> -- ip route\n```"
                : language.Pick($"Inside a new pod, `eth0` should show `mtu {podMtu}`:", $"在新建的 Pod 内，`eth0` 应显示 `mtu {podMtu}`：") + "\n```\nkubectl exec <pod> -- ip -d link show eth0\n```"),
            StepImpact.ReadOnly,
            ["mtu#how-do-i-verify-the-path-mtu-with-ping-tracepath-and-ip-link"]);
    }

    private static string Normalize(string value) => (value ?? string.Empty).Trim().ToLowerInvariant();

    internal static string Name(string plugin) => plugin switch
    {
        "calico" => "Calico",
        "flannel" => "flannel",
        "cilium" => "Cilium",
        "antrea" => "Antrea",
        "aws-vpc-cni" => "AWS VPC CNI",
        "azure-cni" => "Azure CNI",
        _ => plugin,
    };

    private static string ModeName(string mode, Language language) => mode switch
    {
        "none" => language.Pick("without encapsulation", "不封装"),
        "vxlan" => "VXLAN",
        "ipip" => "IP-in-IP",
        "geneve" => "Geneve",
        "wireguard" => "WireGuard",
        "ipsec" => "IPsec",
        "udp" => "UDP",
        _ => mode,
    };
}
