using CniBot.Cli;

namespace CniBot.Tests.Commands;

public sealed class DiagnoseCommandTests
{
    [Fact]
    public void Diagnose_InTheTerminal_WalksAFlowToItsResult()
    {
        var (exit, output) = Run(["diagnose", "--knowledge", Repository.Knowledge], "2\nCalico\nvxlan\n1\nAWS, inter-region VPC peering (8500)\n");

        Assert.Equal(0, exit);
        Assert.Contains("1. Slow or failing traffic across regions", output, StringComparison.Ordinal);
        Assert.Contains("**Set the pod MTU to 8450**", output, StringComparison.Ordinal);
        Assert.Contains("8500 − 50 = 8450", output, StringComparison.Ordinal);
        Assert.Contains("[🔍 read-only] Verify the pod path with ping", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_InChinese_CancelEndsIt()
    {
        var (exit, output) = Run(["diagnose", "--lang", "zh", "--knowledge", Repository.Knowledge], "1\n取消\n");

        Assert.Equal(0, exit);
        Assert.Contains("看到的是什么现象？", output, StringComparison.Ordinal);
        Assert.Contains("**诊断已取消**", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_EndOfInput_LeavesQuietly()
    {
        Assert.Equal(0, Run(["diagnose", "--knowledge", Repository.Knowledge], string.Empty).ExitCode);
    }

    private static (int ExitCode, string Output) Run(string[] args, string input)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, new CliContext(output, error, Environment.CurrentDirectory, Color: false) { In = new StringReader(input) });
        return (exit, output.ToString());
    }
}
