using System.Text.Json;

namespace CniBot.Tests.Commands;

public sealed class InspectCommandTests
{
    private const string GcpIpLink = """
        2: ens4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1460 qdisc mq state UP mode DEFAULT group default qlen 1000
            link/ether 42:01:0a:80:00:05 brd ff:ff:ff:ff:ff:ff
        5: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default
            link/ether 66:4e:1a:2b:3c:4d brd ff:ff:ff:ff:ff:ff
            vxlan id 4096 local 10.128.0.5 dev ens4 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300
        """;

    [Fact]
    public void Inspect_Json_HasTheDocumentedShape_AndExits1OnAFinding()
    {
        var (exit, output, _) = CliRunner.RunWithInput(Repository.Root, GcpIpLink, "inspect", "-", "--context", "GCP, Calico VXLAN", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ip-link", json.RootElement.GetProperty("kind").GetString());
        var finding = json.RootElement.GetProperty("findings")[0];
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Contains("set the tunnel and pod MTU to 1410", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("vxlan.calico", finding.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"mtu\":1410", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("ping -M do -c 3 -s 1382", finding.GetProperty("verify").GetString(), StringComparison.Ordinal);
        Assert.Contains("calico#how-do-i-change-the-calico-mtu", finding.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Inspect_Json_KnownLogMessage_HasTheSectionsFixAndCheckCommands()
    {
        const string log = "2026-12-01 08:00:31.205 [WARNING][61] felix/sync_client.go 151: Failed to connect to typha endpoint 10.20.3.14:5473.  Will try another if available... connID=0x0 error=dial tcp 10.20.3.14:5473: i/o timeout type=\"\"\n";

        var (exit, output, _) = CliRunner.RunWithInput(Repository.Root, log, "inspect", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("log", json.RootElement.GetProperty("kind").GetString());
        var finding = json.RootElement.GetProperty("findings")[0];
        Assert.Contains("[change] Fix (changes security groups)", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("allow TCP 5473", finding.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("nc -zv <typha-node-ip> 5473", finding.GetProperty("verify").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_File_HealthyOutput_Exits0AndSaysSo()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cnibot-inspect-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "Calico process is running.\n\nIPv4 BGP status\n| PEER ADDRESS | PEER TYPE | STATE | SINCE | INFO |\n| 10.0.0.2 | node-to-node mesh | up | 09:00:00 | Established |\n");
        try
        {
            var (exit, output, _) = CliRunner.Run(Repository.Root, "inspect", file);

            Assert.Equal(0, exit);
            Assert.Contains("Output: calicoctl-node-status", output, StringComparison.Ordinal);
            Assert.Contains("Looks healthy", output, StringComparison.Ordinal);
            Assert.Contains("all 1 BGP peers are Established", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Inspect_UnknownOutput_Exits0AndListsWhatItReads()
    {
        var (exit, output, _) = CliRunner.RunWithInput(Repository.Root, "hello world\nno command output here\n", "inspect", "--lang", "zh");

        Assert.Equal(0, exit);
        Assert.Contains("没有认出这段输出", output, StringComparison.Ordinal);
        Assert.Contains("calicoctl node status", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect", "/no/such/file.txt")]
    [InlineData("inspect", "-", "--lang", "fr")]
    public void Inspect_BadUsage_Exits2WithAReason(params string[] args)
    {
        var (exit, _, error) = CliRunner.RunWithInput(Repository.Root, GcpIpLink, args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_InputOverTheLimit_Exits2()
    {
        var (exit, _, error) = CliRunner.RunWithInput(Repository.Root, new string('x', 1024 * 1024 + 10), "inspect");

        Assert.Equal(2, exit);
        Assert.Contains("larger than", error, StringComparison.Ordinal);
    }
}
