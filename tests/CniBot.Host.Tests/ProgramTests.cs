using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CniBot.Tests;

/// <summary>The built host, started as a process the way the README's run command starts it.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Host_StartsFromTheRepositoryRoot_AndBecomesReady()
    {
        var root = Directory.GetParent(CniBotFactory.RepositoryKnowledge)!.FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CniBot.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Data__Path"] = Path.Combine(Path.GetTempPath(), "cnibot-tests", Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = false;
            for (var i = 0; i < 150 && !ready && !process.HasExited; i++)
            {
                try
                {
                    ready = (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (!ready)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(ready, "the host did not become ready within 30 s");
            var response = await BotRequests.PostAsync(http, BotRequests.Message("What MTU should Calico VXLAN use on a 1500-byte network?"));
            Assert.Single(await BotRequests.RepliesAsync(response));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
