using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// <c>/run/flannel/subnet.env</c>: <c>FLANNEL_MTU</c> against the underlay (read from <c>ip link</c> in the same
/// paste, or the cloud the context names), for the backend the paste or the context shows (VXLAN by default, the
/// backend kube-flannel.yml ships).
/// </summary>
internal static partial class FlannelSubnetEnvCheck
{
    public static void Run(InspectionState state)
    {
        var keys = state.Paste.Lines.Select(l => Key().Match(l)).Where(m => m.Success).ToArray();
        if (keys.Length < 2 && !keys.Any(k => k.Groups["key"].Value == "MTU"))
        {
            return;
        }

        state.Recognised(OutputKinds.FlannelSubnetEnv);
        if (keys.FirstOrDefault(k => k.Groups["key"].Value == "MTU") is not { } mtuLine || !int.TryParse(mtuLine.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu))
        {
            return;
        }

        var mode = state.Paste.Mode is "wireguard" or "ipip" or "vxlan" ? state.Paste.Mode
            : state.Tunnels.FirstOrDefault(t => t.Plugin == "flannel")?.Mode ?? "vxlan";
        int underlay;
        string? preset = null;
        var working = new List<string>();
        var evidence = new List<string> { mtuLine.Value.Trim() };
        if (state.Underlay is { } known)
        {
            underlay = known.Mtu;
            if (known.Line.Length > 0)
            {
                evidence.Add(known.Line);
            }
        }
        else if (MtuCalculator.Underlays.FirstOrDefault(u => u.Id == state.Paste.Cloud && state.Paste.Cloud != "aws") is { } cloud)
        {
            underlay = cloud.Mtu;
            preset = cloud.Id;
            working.Add(state.Pick($"{cloud.En} carries {cloud.Mtu} bytes ({cloud.Source}).", $"{cloud.Zh}的 MTU 是 {cloud.Mtu}（{cloud.Source}）。"));
        }
        else
        {
            // The calculator's overhead for the mode (the same whatever the underlay).
            var overhead = state.Mtu("flannel", mode, 1500, ipv6: false)?.OverheadBytes ?? 0;
            state.Summary.Add(state.Pick(
                $"FLANNEL_MTU={mtu}: with {mode} that means an underlay of {mtu + overhead} bytes; paste `ip link` or name the cloud to check it.",
                $"FLANNEL_MTU={mtu}：{mode} 模式下对应 {mtu + overhead} 字节的底层网络；贴出 `ip link` 或说明是哪家云即可核对。"));
            return;
        }

        if (state.Mtu("flannel", mode, underlay, ipv6: false, preset) is not { } result)
        {
            return;
        }

        if (mtu > result.PodMtu)
        {
            state.AddMtuFinding(
                Severity.Error,
                state.Pick(
                    $"FLANNEL_MTU={mtu} is too large for a {underlay}-byte underlay with flannel {mode}: Pods need {result.PodMtu}",
                    $"FLANNEL_MTU={mtu} 对 {underlay} 字节的底层网络（flannel {mode}）来说太大：Pod 需要 {result.PodMtu}"),
                evidence,
                working,
                result);
        }
        else
        {
            state.Summary.Add(state.Pick($"FLANNEL_MTU={mtu} fits a {underlay}-byte underlay with {mode}.", $"FLANNEL_MTU={mtu} 适合 {underlay} 字节的底层网络（{mode}）。"));
        }
    }

    [GeneratedRegex(@"^\s{0,8}FLANNEL_(?<key>NETWORK|SUBNET|MTU|IPMASQ)=(?<value>\S{0,64})", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
