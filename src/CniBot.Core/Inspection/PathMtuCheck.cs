using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>ping -M do -s N</c> and <c>tracepath</c>: the path MTU they report ("Frag needed and DF set (mtu = N)",
/// "message too long, mtu=N", "pmtu N"), what it means for the Pods' MTU, and, with a tunnel read from
/// <c>ip link</c> in the same paste, whether the tunnel fits the path.
/// </summary>
internal static partial class PathMtuCheck
{
    public static void Run(InspectionState state)
    {
        int? smallest = null;
        string? line = null;
        int? sent = null;
        var replies = -1;
        foreach (var text in state.Paste.Lines)
        {
            if (PingHeader().Match(text) is { Success: true } header)
            {
                state.Recognised(OutputKinds.Ping);
                sent = int.Parse(header.Groups["total"].Value, CultureInfo.InvariantCulture);
            }
            else if (PingTooBig().Match(text) is { Success: true } refused)
            {
                state.Recognised(OutputKinds.Ping);
                Keep(int.Parse(refused.Groups["mtu"].Value, CultureInfo.InvariantCulture), text);
            }
            else if (Tracepath().Match(text) is { Success: true } hop)
            {
                state.Recognised(OutputKinds.Tracepath);
                Keep(int.Parse(hop.Groups["mtu"].Value, CultureInfo.InvariantCulture), text);
            }
            else if (PingStatistics().Match(text) is { Success: true } statistics)
            {
                replies = int.Parse(statistics.Groups["received"].Value, CultureInfo.InvariantCulture);
            }
        }

        if (smallest is { } path)
        {
            state.PathMtu = (path, line!);
            Alone(state, path, line!);
        }
        else if (sent is { } size && replies == 0)
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick(
                    $"No reply to {size}-byte packets and no \"Frag needed\": the peer is unreachable, or large packets vanish without an ICMP error (an MTU black hole)",
                    $"{size} 字节的包没有任何回应，也没有 \"Frag needed\"：要么对端不通，要么大包被静默丢弃（MTU 黑洞）"),
                [.. state.Paste.Lines.Where(l => PingHeader().IsMatch(l) || PingStatistics().IsMatch(l))],
                [state.Pick(
                    "If a small ping (ping -c 3 <peer>) gets replies, lower -s step by step: the largest size that passes, plus 28, is the path MTU.",
                    "如果小包（ping -c 3 <对端>）能通，就逐步减小 -s：能通过的最大值加 28 就是路径 MTU。")],
                [VerifyStep(state)],
                [KnowledgeLinks.VerifyPathMtu]));
        }
        else if (sent is { } passed && replies > 0)
        {
            state.Summary.Add(state.Pick($"ping: {passed}-byte packets pass, so the path carries at least {passed} bytes.", $"ping：{passed} 字节的包能通过，路径至少能承载 {passed} 字节。"));
        }

        void Keep(int mtu, string text)
        {
            if (smallest is null || mtu < smallest)
            {
                smallest = mtu;
                line = text.Trim();
            }
        }
    }

    /// <summary>Draws the findings that need a tunnel from <c>ip link</c> and the path MTU together.</summary>
    public static void AgainstTunnels(InspectionState state)
    {
        if (state.PathMtu is not { } path)
        {
            return;
        }

        foreach (var tunnel in state.Tunnels)
        {
            if (state.Mtu(tunnel.Plugin, tunnel.Mode, path.Mtu, tunnel.Ipv6) is { } result && tunnel.Link.Mtu > result.PodMtu)
            {
                state.AddMtuFinding(
                    Severity.Error,
                    state.Pick(
                        $"The path carries {path.Mtu} bytes, too few for {tunnel.Link.Name} at {tunnel.Link.Mtu}: set the tunnel and pod MTU to {result.PodMtu}",
                        $"路径只能承载 {path.Mtu} 字节，容不下 MTU 为 {tunnel.Link.Mtu} 的 {tunnel.Link.Name}：把隧道和 Pod 的 MTU 设为 {result.PodMtu}"),
                    [path.Line, tunnel.Link.Line],
                    [],
                    result);
            }
        }
    }

    /// <summary>The path MTU read alone: what it means for the Pods, for the plugin and mode the context names.</summary>
    private static void Alone(InspectionState state, int path, string line)
    {
        var plugin = state.Paste.Plugin;
        var mode = state.Paste.Mode ?? (plugin is "calico" ? "ipip" : plugin is "flannel" or "cilium" or "antrea" ? (plugin == "antrea" ? "geneve" : "vxlan") : null);
        if (plugin is not null && mode is not null && state.Mtu(plugin, mode, path, ipv6: false) is { } result && state.Tunnels.Count == 0)
        {
            state.AddMtuFinding(
                path < 1500 ? Severity.Warning : Severity.Info,
                state.Pick(
                    $"The path carries {path} bytes: with {plugin} {mode}, Pods need an MTU of {result.PodMtu} or less",
                    $"路径能承载 {path} 字节：{plugin} {mode} 下 Pod 的 MTU 不能超过 {result.PodMtu}"),
                [line],
                [],
                result);
            return;
        }

        if (path >= 1500)
        {
            state.Summary.Add(state.Pick($"The path carries {path} bytes.", $"路径能承载 {path} 字节。"));
            return;
        }

        if (state.Tunnels.Count > 0)
        {
            return; // AgainstTunnels judges the tunnels against it.
        }

        // The calculator's overheads (IPv4), the same whatever the underlay.
        var (vxlan, ipip, wireguard) = (Overhead(state, "vxlan"), Overhead(state, "ipip"), Overhead(state, "wireguard"));
        state.Findings.Add(new Finding(
            Severity.Warning,
            state.Pick(
                $"The path between the nodes carries only {path} bytes: Pod MTUs must leave room for the encapsulation",
                $"节点之间的路径只能承载 {path} 字节：Pod 的 MTU 必须给封装留出空间"),
            [line],
            [state.Pick(
                $"Pod MTU = {path} − overhead: VXLAN or Geneve (IPv4) {path - vxlan}, IP-in-IP {path - ipip}, Calico WireGuard {path - wireguard}, no encapsulation {path}.",
                $"Pod MTU = {path} − 封装开销：VXLAN 或 Geneve（IPv4）{path - vxlan}，IP-in-IP {path - ipip}，Calico WireGuard {path - wireguard}，不封装 {path}。")],
            [VerifyStep(state)],
            [KnowledgeLinks.VerifyPathMtu]));
    }

    private static int Overhead(InspectionState state, string mode) => state.Mtu("calico", mode, 1500, ipv6: false)!.OverheadBytes;

    private static Recommendation VerifyStep(InspectionState state) => new(
        state.Pick("Find the path MTU", "测出路径 MTU"),
        state.Pick(
            "From one node to the other: `tracepath -n <peer-node-ip>` prints `pmtu N`; `ping -M do -c 3 -s <N − 28> <peer-node-ip>` must pass and one byte more must not.",
            "从一个节点到另一个节点：`tracepath -n <对端节点 IP>` 会打印 `pmtu N`；`ping -M do -c 3 -s <N − 28> <对端节点 IP>` 应能通过，多一个字节则不能。"),
        StepImpact.ReadOnly,
        [KnowledgeLinks.VerifyPathMtu]);

    // "PING 10.0.0.2 (10.0.0.2) 1472(1500) bytes of data."
    [GeneratedRegex(@"^PING \S{1,255} \(\S{1,64}\) \d{1,5}\((?<total>\d{1,5})\) bytes of data", RegexOptions.CultureInvariant)]
    private static partial Regex PingHeader();

    // "From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)", "ping: local error: message too long, mtu=1450"
    [GeneratedRegex(@"Frag needed and DF set \(mtu = (?<mtu>\d{3,5})\)|message too long, mtu ?= ?(?<mtu>\d{3,5})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PingTooBig();

    // " 1?: [LOCALHOST]   pmtu 1500", " 2:  10.0.0.1   0.412ms pmtu 1450", "     Resume: pmtu 1450 hops 3 back 3"
    [GeneratedRegex(@"^\s{0,8}(?:\d{1,3}\??:|Resume:)\s.{0,200}?\bpmtu (?<mtu>\d{3,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Tracepath();

    // "3 packets transmitted, 0 received, 100% packet loss"
    [GeneratedRegex(@"^\d{1,9} packets transmitted, (?<received>\d{1,9}) (?:packets )?received", RegexOptions.CultureInvariant)]
    private static partial Regex PingStatistics();
}
