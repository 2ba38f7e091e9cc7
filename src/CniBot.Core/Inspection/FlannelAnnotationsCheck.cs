using System.Net;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// flannel's annotations on a Node (<c>kubectl get node -o yaml</c>, <c>kubectl describe node</c>): the backend and
/// the address flannel announces to the other nodes (<c>flannel.alpha.coreos.com/public-ip</c>). A private address
/// announced while the context says the nodes meet over public addresses (other clouds, NAT, 公网) is what leaves
/// their Pods unable to reach each other.
/// </summary>
internal static partial class FlannelAnnotationsCheck
{
    public static void Run(InspectionState state)
    {
        var annotations = state.Paste.Lines.Select(l => Annotation().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups["key"].Value).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (annotations.Count == 0)
        {
            return;
        }

        // One kind with subnet.env, as DESIGN.md's list of kinds has it: both are flannel's view of the node.
        state.Recognised(OutputKinds.FlannelSubnetEnv);
        var backend = annotations.TryGetValue("backend-type", out var b) ? b.Groups["value"].Value : "?";
        if (!annotations.TryGetValue("public-ip", out var announced))
        {
            state.Summary.Add(state.Pick($"flannel backend {backend}; no public-ip annotation in the paste.", $"flannel 后端 {backend}；粘贴内容里没有 public-ip 注解。"));
            return;
        }

        var address = announced.Groups["value"].Value;
        var overwrite = annotations.ContainsKey("public-ip-overwrite");
        if (IsPrivate(address) && !overwrite && PublicContext().IsMatch(state.Paste.Context))
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick(
                    $"flannel announces the private address {address} to the other nodes, but they reach this node over a public one",
                    $"flannel 向其他节点通告的是私网地址 {address}，而其他节点要经公网才能到达本节点"),
                [announced.Value.Trim()],
                [state.Pick(
                    "The other nodes send this node's Pod traffic (VXLAN or WireGuard) to the announced address; a private address of another cloud or behind NAT does not reach it.",
                    "其他节点把发往本节点 Pod 的流量（VXLAN 或 WireGuard）发到通告的地址；其他云或 NAT 后面的私网地址是到不了的。")],
                [
                    new(state.Pick("Announce the public address", "通告公网地址"), state.Pick(
                        "`kubectl annotate node <node> flannel.alpha.coreos.com/public-ip-overwrite=<public-ip>` and restart that node's flannel Pod; with K3s start it with `--node-external-ip=<public-ip>` (and `--flannel-external-ip` on the servers).",
                        "`kubectl annotate node <节点> flannel.alpha.coreos.com/public-ip-overwrite=<公网 IP>`，然后重启该节点的 flannel Pod；K3s 则用 `--node-external-ip=<公网 IP>` 启动（server 上再加 `--flannel-external-ip`）。"), StepImpact.Disruptive, [KnowledgeLinks.FlannelPublicIp]),
                    new(state.Pick("Check what every node announces", "检查每个节点通告的地址"), state.Pick(
                        "`kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.metadata.annotations.flannel\\.alpha\\.coreos\\.com/public-ip`",
                        "`kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.metadata.annotations.flannel\\.alpha\\.coreos\\.com/public-ip`"), StepImpact.ReadOnly, [KnowledgeLinks.FlannelPublicIp]),
                ],
                [KnowledgeLinks.FlannelPublicIp]));
            return;
        }

        state.Summary.Add(state.Pick(
            $"flannel backend {backend}, announcing {address}{(overwrite ? " (public-ip-overwrite set)" : string.Empty)}.",
            $"flannel 后端 {backend}，通告地址 {address}{(overwrite ? "（已设置 public-ip-overwrite）" : string.Empty)}。"));
    }

    /// <summary>RFC 1918, shared address space (100.64.0.0/10) and link-local addresses.</summary>
    internal static bool IsPrivate(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.GetAddressBytes() is not { Length: 4 } b)
        {
            return false;
        }

        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127) || (b[0] == 169 && b[1] == 254);
    }

    // "    flannel.alpha.coreos.com/public-ip: 10.0.0.5", "flannel.alpha.coreos.com/backend-type=vxlan" (describe)
    [GeneratedRegex(@"flannel\.alpha\.coreos\.com/(?<key>public-ip-overwrite|public-ip|backend-type|backend-data|kube-subnet-manager)\s{0,4}[:=]\s{0,4}""?(?<value>[^""\s]{0,200})", RegexOptions.CultureInvariant)]
    private static partial Regex Annotation();

    [GeneratedRegex(@"public|internet|nat\b|cross[- ]?cloud|multi[- ]?cloud|other cloud|公网|跨云|多云|外网|异地", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublicContext();
}
