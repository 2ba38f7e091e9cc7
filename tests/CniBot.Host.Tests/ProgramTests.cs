using System.Diagnostics;
using System.Net;

namespace CniBot.Tests;

/// <summary>The built host, started as a process the way the README's run command starts it.</summary>
public sealed class ProgramTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Host_AnswersASignedSlackMention_InItsThread()
    {
        await using var slack = await Fakes.FakeSlackApi.StartAsync();
        var port = LoopbackPorts.Free();
        using var process = StartHost(port, new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = "process-test-secret",
            ["Slack__BotToken"] = "xoxb-process-test",
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
        });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            Assert.True(await ReadyAsync(http, process), $"the host did not become ready within {ReadyDeadline.TotalSeconds:0} s");
            var envelope = new Newtonsoft.Json.Linq.JObject
            {
                ["type"] = "event_callback",
                ["team_id"] = "T1",
                ["event_id"] = "Ev-process",
                ["event"] = new Newtonsoft.Json.Linq.JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> What MTU should Calico VXLAN use on a 1500-byte network?", ["ts"] = "1700000000.000001", ["channel"] = "CPROCESS" },
            };
            using var request = SlackRequests.Signed("/api/slack/events", envelope.ToString(), "application/json", "process-test-secret");

            var watch = Stopwatch.StartNew();
            var ack = await http.SendAsync(request);
            var acked = watch.Elapsed;
            var posted = await slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CPROCESS");
            output.WriteLine($"ack after {acked.TotalMilliseconds:F0} ms; threaded chat.postMessage after {watch.Elapsed.TotalMilliseconds:F0} ms");

            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            Assert.Equal("1700000000.000001", (string?)posted["thread_ts"]);
            Assert.Contains("knowledge/en/", posted["blocks"]!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process StartHost(int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = Directory.GetParent(CniBotFactory.RepositoryKnowledge)!.FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CniBot.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Data__Path"] = Path.Combine(Path.GetTempPath(), "cnibot-tests", Guid.NewGuid().ToString("N"));
        // As `dotnet run --project src/CniBot.Host` starts it (Properties/launchSettings.json).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>How long a started host may take to become ready (see <see cref="HostProcess.PollReadyzAsync"/>).</summary>
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    private static async Task<bool> ReadyAsync(HttpClient http, Process process) =>
        (await HostProcess.PollReadyzAsync(http, process, HttpStatusCode.OK, ReadyDeadline)).Reached;

    [Fact]
    public async Task ProductionHost_WithAuthenticationOff_RefusesToStart_NamingTheSetting()
    {
        using var process = StartHost(LoopbackPorts.Free(), new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["MicrosoftAppId"] = "" });
        var errors = process.StandardError.ReadToEndAsync();
        var outputs = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("BotFramework:AllowAnonymous", await errors + await outputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_StartsFromTheRepositoryRoot_AndBecomesReady()
    {
        var port = LoopbackPorts.Free();
        using var process = StartHost(port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            Assert.True(await ReadyAsync(http, process), $"the host did not become ready within {ReadyDeadline.TotalSeconds:0} s");
            var response = await BotRequests.PostAsync(http, BotRequests.Message("What MTU should Calico VXLAN use on a 1500-byte network?"));
            Assert.Single(await BotRequests.RepliesAsync(response));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
