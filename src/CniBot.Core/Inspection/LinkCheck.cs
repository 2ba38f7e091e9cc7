using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>ip link</c> / <c>ip -d link</c> / <c>ip addr</c>: the MTU of every Calico and flannel tunnel device against
/// the underlay it runs over (the device a VXLAN link names, else the host's first network card that is up; on Azure
/// the 1400 bytes the VNet carries whatever the NIC reports, and the cloud's documented MTU when the paste has no
/// network card), the Pods' interfaces against the tunnel, and jumbo frames left unused.
/// </summary>
/// <remarks>
/// Cilium and Antrea are not judged by their tunnel device's MTU: Cilium gives the lower MTU to routes and Pods, and
/// Antrea's Geneve port belongs to Open vSwitch, so a 1500 or 65000 there is normal.
/// </remarks>
internal static class LinkCheck
{
    public static void Run(InspectionState state)
    {
        var links = IpLinkOutput.Parse(state.Paste.Lines);
        if (links.Count == 0)
        {
            return;
        }

        state.Recognised(OutputKinds.IpLink);
        var underlayLink = links.FirstOrDefault(l => IpLinkOutput.IsPhysical(l.Name) && l.Up) ?? links.FirstOrDefault(l => IpLinkOutput.IsPhysical(l.Name));
        foreach (var link in links)
        {
            if (Tunnel(link, state.Paste) is not { } tunnel)
            {
                continue;
            }

            state.Tunnels.Add(tunnel);
            var over = link.Device is { } device ? links.FirstOrDefault(l => l.Name == device) ?? underlayLink : underlayLink;
            Check(state, tunnel, over, links);
        }

        if (state.Tunnels.Count == 0)
        {
            state.Summary.Add(state.Pick(
                $"Read {links.Count} interfaces; none is a Calico or flannel tunnel whose MTU CniBot checks.",
                $"读到 {links.Count} 个网卡，其中没有 CniBot 会检查 MTU 的 Calico 或 flannel 隧道设备。"));
        }
    }

    /// <summary>The tunnel devices Calico and flannel create, by name; an unnamed one by its kind and the context.</summary>
    internal static TunnelFact? Tunnel(Link link, Paste paste)
    {
        (string Plugin, string Mode, bool Ipv6)? known = link.Name switch
        {
            "vxlan.calico" => ("calico", "vxlan", false),
            "vxlan-v6.calico" => ("calico", "vxlan", true),
            "wireguard.cali" => ("calico", "wireguard", false),
            "wg-v6.cali" => ("calico", "wireguard", true),
            "tunl0" => (paste.Plugin == "flannel" ? "flannel" : "calico", "ipip", false),
            "flannel.1" => ("flannel", "vxlan", false),
            "flannel-v6.1" => ("flannel", "vxlan", true),
            "flannel-wg" => ("flannel", "wireguard", false),
            "flannel-wg-v6" => ("flannel", "wireguard", true),
            _ => link.Kind is "vxlan" or "ipip" or "wireguard" && paste.Plugin is "calico" or "flannel" ? (paste.Plugin, link.Kind, false) : null,
        };
        return known is { } k ? new TunnelFact(link, k.Plugin, k.Mode, k.Ipv6) : null;
    }

    private static void Check(InspectionState state, TunnelFact tunnel, Link? over, List<Link> links)
    {
        var link = tunnel.Link;
        var result = TunnelAgainstUnderlay(state, tunnel, over);

        // Pods' interfaces must not exceed the tunnel: Calico's cali* and flannel's veth* (the host ends of the Pods).
        var limit = result is null ? link.Mtu : Math.Min(link.Mtu, result.PodMtu);
        var prefix = tunnel.Plugin == "calico" ? "cali" : "veth";
        var pods = links.Where(l => l.Name.StartsWith(prefix, StringComparison.Ordinal) && l.Name != link.Name && l.Mtu > limit).ToArray();
        if (pods.Length == 0)
        {
            return;
        }

        state.Findings.Add(new Finding(
            Severity.Warning,
            state.Pick(
                $"{pods.Length} Pod interface(s) ({pods[0].Name}) use MTU {pods[0].Mtu}, above the {limit} the tunnel carries: large packets from those Pods are dropped or fragmented",
                $"{pods.Length} 个 Pod 网卡（{pods[0].Name}）的 MTU 是 {pods[0].Mtu}，高于隧道能承载的 {limit}：这些 Pod 发出的大包会被丢弃或分片"),
            [.. pods.Take(3).Select(p => p.Line), link.Line],
            [state.Pick(
                "A Pod keeps the MTU its interface got when it was created: Pods created before an MTU change keep the old value until they are recreated.",
                "Pod 网卡的 MTU 在创建时确定：MTU 修改之前创建的 Pod 会一直保留旧值，直到重建。")],
            [new Recommendation(
                state.Pick($"Recreate the Pods once the MTU is {limit} or less", $"MTU 改到 {limit} 或更小之后重建这些 Pod"),
                state.Pick(
                    $"`kubectl rollout restart deployment/<name> -n <namespace>` (or delete the Pods); then `ip link | grep {prefix}` shows every Pod interface at the new MTU.",
                    $"`kubectl rollout restart deployment/<名称> -n <命名空间>`（或删除这些 Pod）；之后 `ip link | grep {prefix}` 应显示所有 Pod 网卡都是新的 MTU。"),
                StepImpact.Disruptive,
                [KnowledgeLinks.VerifyPathMtu])],
            [KnowledgeLinks.VerifyPathMtu]));
    }

    /// <summary>The tunnel's MTU against what its underlay carries; the calculation, or null when the underlay is unknown.</summary>
    private static MtuResult? TunnelAgainstUnderlay(InspectionState state, TunnelFact tunnel, Link? over)
    {
        var link = tunnel.Link;
        var (underlay, underlayName, preset, evidence, working) = Underlay(state, over);
        if (underlay is null)
        {
            state.Summary.Add(state.Pick(
                $"{link.Name}: MTU {link.Mtu}; the paste shows no network card and the context names no cloud, so there is nothing to compare it with.",
                $"{link.Name}：MTU {link.Mtu}；粘贴内容里没有物理网卡，上下文也没说是哪家云，无从比较。"));
            return null;
        }

        state.Underlay ??= (underlay.Value, underlayName, evidence.FirstOrDefault() ?? string.Empty, preset);
        if (state.Mtu(tunnel.Plugin, tunnel.Mode, underlay.Value, tunnel.Ipv6, preset) is not { } result)
        {
            return null;
        }

        if (link.Mtu > result.PodMtu)
        {
            state.Oversized.Add(tunnel);
            state.AddMtuFinding(
                Severity.Error,
                state.Pick(
                    $"{link.Name} has MTU {link.Mtu}, too large for {underlayName} ({underlay}): set the tunnel and pod MTU to {result.PodMtu}",
                    $"{link.Name} 的 MTU 是 {link.Mtu}，超过了 {underlayName}（{underlay}）能承载的：把隧道和 Pod 的 MTU 设为 {result.PodMtu}"),
                [link.Line, .. evidence],
                [.. working, state.Pick(
                    $"Packets of {link.Mtu} bytes plus {result.OverheadBytes} bytes of encapsulation need {link.Mtu + result.OverheadBytes}; more than the {result.PodMtu + result.OverheadBytes} the path carries, they are dropped or fragmented.",
                    $"{link.Mtu} 字节的包加上 {result.OverheadBytes} 字节封装需要 {link.Mtu + result.OverheadBytes}，超过路径能承载的 {result.PodMtu + result.OverheadBytes}，会被丢弃或分片。")],
                result);
        }
        else if (underlay >= 8000 && link.Mtu + 1000 < result.PodMtu)
        {
            state.AddMtuFinding(
                Severity.Info,
                state.Pick(
                    $"{link.Name} uses {link.Mtu} on a {underlay}-byte underlay ({underlayName}): jumbo frames are unused, {result.PodMtu} would carry far more per packet",
                    $"{link.Name} 在 {underlay} 字节的底层网络（{underlayName}）上只用 {link.Mtu}：没有用上巨型帧，设为 {result.PodMtu} 每个包能多装很多"),
                [link.Line, .. evidence],
                working,
                result);
        }
        else
        {
            state.Summary.Add(state.Pick(
                $"{link.Name} {link.Mtu} over {underlayName} {underlay}: fits ({result.PodMtu + result.OverheadBytes} − {result.OverheadBytes} = {result.PodMtu}).",
                $"{link.Name} {link.Mtu}，底层 {underlayName} {underlay}：合适（{result.PodMtu + result.OverheadBytes} − {result.OverheadBytes} = {result.PodMtu}）。"));
        }

        return result;
    }

    /// <summary>The MTU the tunnel's packets must fit in, where it comes from, and the working that explains it.</summary>
    private static (int? Mtu, string Name, string? Preset, List<string> Evidence, List<string> Working) Underlay(InspectionState state, Link? over)
    {
        var cloud = state.Paste.Cloud;
        if (over is not null)
        {
            // On Azure the NIC reports 1500 while the VNet carries 1400 unfragmented; the calculator knows which
            // modes that matters for (WireGuard sets Don't Fragment) when it is told the path.
            if (cloud == "azure" && over.Mtu == 1500)
            {
                var azure = MtuCalculator.Underlays.First(u => u.Id == "azure");
                return (azure.Mtu, over.Name + state.Pick(" on Azure", "（Azure）"), azure.Id, [over.Line], []);
            }

            return (over.Mtu, over.Name, null, [over.Line], []);
        }

        // No network card in the paste: the cloud's documented MTU, when it has one (AWS has two: 9001 inside a VPC,
        // 1500 beyond it).
        if (MtuCalculator.Underlays.FirstOrDefault(u => u.Id == cloud && cloud != "aws") is { } preset)
        {
            var name = state.Language == Language.Zh ? preset.Zh : preset.En;
            return (preset.Mtu, name, preset.Id, [], [state.Pick(
                $"The paste shows no network card; {name} carries {preset.Mtu} bytes ({preset.Source}).",
                $"粘贴内容里没有物理网卡；{name} 的 MTU 是 {preset.Mtu}（{preset.Source}）。")]);
        }

        return (null, string.Empty, null, [], []);
    }
}
