using CniBot.Diagnosis.Calculators;

namespace CniBot.Tests.Diagnosis.Calculators;

public sealed class MtuCalculatorTests
{
    public static TheoryData<string, string, bool, int, int> VendorTables()
    {
        var data = new TheoryData<string, string, bool, int, int>();
        foreach (var raw in TestFiles.Read("Diagnosis", "mtu-cases.txt").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            data.Add(parts[0], parts[1], parts[2] == "v6", int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VendorTables))]
    public void Calculate_MatchesTheVendorTables(string plugin, string mode, bool ipv6, int underlay, int expected)
    {
        var udpEncap = mode.EndsWith("+udpencap", StringComparison.Ordinal);

        var result = MtuCalculator.Calculate(new MtuRequest(plugin, udpEncap ? "ipsec" : mode, underlay, ipv6, udpEncap));

        Assert.Equal(expected, result.PodMtu);
        Assert.Equal(underlay - expected, result.OverheadBytes);
        var working = result.Explanation + " " + string.Join(' ', result.Details.Working);
        Assert.Contains(expected == underlay ? $"adds no header: the pod MTU is the underlay MTU, {underlay}." : $"{underlay} − {underlay - expected} = {expected}", working, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_CalicoVxlanOverInterRegionPeering_ShowsArithmeticChangeAndVerification()
    {
        var result = MtuCalculator.Calculate(new MtuRequest("calico", "vxlan", 8500));

        Assert.Equal(8450, result.PodMtu);
        Assert.Equal("Calico VXLAN over IPv4 adds 50 bytes per packet: 8500 − 50 = 8450.", result.Explanation);
        var change = result.Details.Steps[0];
        Assert.Equal(StepImpact.Disruptive, change.Impact);
        Assert.Contains("\"calicoNetwork\":{\"mtu\":8450}", change.Body, StringComparison.Ordinal);
        Assert.Contains("vxlanMTU", change.Body, StringComparison.Ordinal);
        Assert.Contains("new pods only", change.Body, StringComparison.Ordinal);
        var verification = string.Join('\n', result.Details.Steps.Skip(1).Select(s => s.Body));
        Assert.All(result.Details.Steps.Skip(1), s => Assert.Equal(StepImpact.ReadOnly, s.Impact));
        Assert.Contains("ping -M do -c 3 -s 8422", verification, StringComparison.Ordinal);
        Assert.Contains("-s 8423", verification, StringComparison.Ordinal);
        Assert.Contains("tracepath -n", verification, StringComparison.Ordinal);
        Assert.Contains("ip -d link show vxlan.calico", verification, StringComparison.Ordinal);
        Assert.Contains(result.Details.Notes, n => n.Contains("older one 1500", StringComparison.Ordinal));
    }

    [Fact]
    public void Calculate_CiliumWireGuard_ExplainsThe80To95Change()
    {
        var result = MtuCalculator.Calculate(new MtuRequest("cilium", "wireguard", 1500));

        Assert.Equal(1405, result.PodMtu);
        Assert.Contains("PR #45940", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("1500 − 80 = 1420", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("Helm", result.Details.Steps[0].Body, StringComparison.Ordinal);
        Assert.Contains("MTU=1500", result.Details.Steps[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_InChinese_SpeaksChinese()
    {
        var result = MtuCalculator.Calculate(new MtuRequest("calico", "vxlan", 8500), Language.Zh);

        Assert.Equal("Calico VXLAN（IPv4）每个报文增加 50 字节：8500 − 50 = 8450。", result.Explanation);
        Assert.Equal("把 Pod MTU 设为 8450", result.Details.Headline);
    }

    [Theory]
    [InlineData("weave", "vxlan", false, 1500, "calico")]
    [InlineData("calico", "geneve", false, 1500, "vxlan")]
    [InlineData("calico", "ipip", true, 1500, "vxlan")]
    [InlineData("calico", "vxlan", false, 100, "1500")]
    [InlineData("calico", "vxlan", true, 1000, "1500")]
    public void Calculate_BadInput_ListsTheValidValues(string plugin, string mode, bool ipv6, int underlay, string listed)
    {
        var error = Assert.Throws<MtuInputException>(() => MtuCalculator.Calculate(new MtuRequest(plugin, mode, underlay, ipv6)));

        Assert.Contains(listed, error.ValidValues);
    }

    [Theory]
    [InlineData("calico", "vxlan", 1450)]
    [InlineData("calico", "wireguard", 1340)]
    [InlineData("flannel", "vxlan", 1350)]
    public void AzurePreset_FollowsCalicosAksTable_VxlanFromTheNicWireGuardFromTheVNet(string plugin, string mode, int expected)
    {
        var result = MtuCalculator.Calculate(new MtuRequest(plugin, mode, 1400, Path: "azure"), Language.En);

        Assert.Equal(expected, result.PodMtu);
    }

    [Fact]
    public void CiliumTunnel_SaysItsOverheadFollowsTheNodesIpFamily()
    {
        var result = MtuCalculator.Calculate(new MtuRequest("cilium", "vxlan", 1500), Language.En);

        Assert.Equal(1450, result.PodMtu);
        Assert.Contains(result.Details.Notes, n => n.Contains("IP family of the nodes' addresses", StringComparison.Ordinal));
    }
}
