using System.Diagnostics;
using System.Text.Json;

namespace CniBot.Tests;

/// <summary>The built program, run as a separate process the way users and scripts run it.</summary>
public sealed class ProgramTests
{
    [Fact]
    public void Program_AskJson_WritesOneJsonObjectToStdout()
    {
        var (exit, stdout, _) = RunProgram("ask", "What MTU should Calico VXLAN use?", "--json", "--knowledge", CliRunner.Corpus);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("which-mtu-should-calico-vxlan-use", json.RootElement.GetProperty("hits")[0].GetProperty("anchor").GetString());
    }

    [Fact]
    public void Program_BadUsage_Exits2()
    {
        var (exit, _, stderr) = RunProgram("ask", "--top", "-3", "q");

        Assert.Equal(2, exit);
        Assert.Contains("error:", stderr, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) RunProgram(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cnibot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "cnibot did not finish within 60 s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
