using System.Text.Json;

namespace CniBot.Tests.Commands;

public sealed class MtuCommandTests
{
    [Fact]
    public void Mtu_Json_HasTheDocumentedShape()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "mtu", "--plugin", "calico", "--mode", "vxlan", "--underlay-mtu", "8500", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(8450, json.RootElement.GetProperty("podMtu").GetInt32());
        Assert.Equal(50, json.RootElement.GetProperty("overheadBytes").GetInt32());
        Assert.Contains("8500 − 50 = 8450", json.RootElement.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mtu_Text_ShowsStepsTaggedByImpact()
    {
        var (exit, output, _) = CliRunner.Run(Environment.CurrentDirectory, "mtu", "--plugin", "cilium", "--mode", "vxlan", "--path", "gcp", "--ipv6");

        Assert.Equal(0, exit);
        Assert.StartsWith("Set the pod MTU to 1390", output, StringComparison.Ordinal);
        Assert.Contains("[disruptive] Set Cilium's base MTU to 1460", output, StringComparison.Ordinal);
        Assert.Contains("[read-only] Verify the pod path with ping", output, StringComparison.Ordinal);
        Assert.Contains("ping -6 -M do -c 3 -s 1342", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--plugin", "weave", "--mode", "vxlan", "--underlay-mtu", "1500", "calico, flannel, cilium")]
    [InlineData("--plugin", "calico", "--mode", "geneve", "--underlay-mtu", "1500", "none, ipip, vxlan, wireguard")]
    [InlineData("--plugin", "calico", "--mode", "vxlan", "--path", "mars", "aws-vpc")]
    public void Mtu_UnknownValue_Exits2ListingTheValidValues(string a, string b, string c, string d, string e, string f, string listed)
    {
        var (exit, _, error) = CliRunner.Run(Environment.CurrentDirectory, "mtu", a, b, c, d, e, f);

        Assert.Equal(2, exit);
        Assert.Contains("valid values: ", error, StringComparison.Ordinal);
        Assert.Contains(listed, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mtu_WithoutUnderlay_Exits2()
    {
        Assert.Equal(2, CliRunner.Run(Environment.CurrentDirectory, "mtu", "--plugin", "calico", "--mode", "vxlan").ExitCode);
    }
}
