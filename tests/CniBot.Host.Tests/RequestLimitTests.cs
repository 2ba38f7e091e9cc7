using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CniBot.Tests;

/// <summary>
/// The request limits against a real Kestrel (raw sockets on 127.0.0.1 hold requests open as slow clients do): probes
/// answer while every permit is taken, and Slack's body read stops at a declared oversize length and at the request
/// timeout.
/// </summary>
public sealed class RequestLimitTests : IDisposable
{
    private const string SlackSecret = "limit-test-secret";
    private readonly TempFolder data = new();

    // What the hosts know does not matter here, only how they take requests: one small document starts them fast.
    private readonly TempFolder knowledge = new TempFolder()
        .With("en/base.md", "---\nid: base\nlang: en\n---\n# Base\n\n## What is Calico?\n\nCalico is a CNI plugin with BGP routing.\n");

    [Fact]
    public async Task Probes_Answer_WhileEveryRequestPermitIsTaken()
    {
        using var host = await HostProcess.StartAsync(Settings(requestTimeout: "00:00:30"));
        var port = host.Client.BaseAddress!.Port;

        // One request holds the only permit and one the only queue place: each sends its 200 KB body slowly, 1 KB
        // every 100 ms (fast enough for Kestrel's minimum data rate, which would otherwise end it after 5 s). They are
        // sent one after the other, with time to reach the limiter, and a third request must then be refused; should
        // the order have gone wrong on a loaded machine (a held request answered at once), the setup starts again.
        using var stop = new CancellationTokenSource();
        var held = new List<TcpClient>();
        HttpStatusCode? third = null;
        for (var attempt = 0; attempt < 3 && third != HttpStatusCode.TooManyRequests; attempt++)
        {
            foreach (var client in held)
            {
                client.Dispose();
            }

            held.Clear();
            for (var i = 0; i < 2; i++)
            {
                held.Add(await SendHeadersAsync(port, "/api/messages", contentLength: 200 * 1024, bodyBytes: 1));
                _ = TrickleAsync(held[^1], stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            if (held.Any(c => c.Available > 0))
            {
                continue; // a held request was already answered
            }

            using var response = await host.Client.PostAsync("api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));
            third = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, third);

        foreach (var probe in new[] { "healthz", "readyz", "metrics" })
        {
            using var response = await host.Client.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await stop.CancelAsync();
        foreach (var client in held)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Slack_DeclaredOversizeBody_IsRefusedBeforeAnyOfItIsRead()
    {
        using var host = await HostProcess.StartAsync(Settings(requestTimeout: "00:00:30"));

        using var client = await SendHeadersAsync(host.Client.BaseAddress!.Port, "/api/slack/events", contentLength: 300 * 1024, bodyBytes: 0);

        Assert.Equal(413, await StatusAsync(client, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Slack_StalledBody_EndsWithTheRequestTimeout()
    {
        using var host = await HostProcess.StartAsync(Settings(requestTimeout: "00:00:02"));

        using var client = await SendHeadersAsync(host.Client.BaseAddress!.Port, "/api/slack/events", contentLength: 1000, bodyBytes: 10);

        // 504 is the request timeout's; Kestrel's own minimum data rate would end it later, with 408.
        Assert.Equal(504, await StatusAsync(client, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task UnreachableSlack_DoesNotStopTheHost()
    {
        // These hosts' Slack Web API is a closed port: auth.test fails at start (it used to stop the host, exit 0).
        using var host = await HostProcess.StartAsync(Settings(requestTimeout: "00:00:30"));

        for (var waited = 0; waited < 150 && !host.Output.Contains("auth.test failed", StringComparison.Ordinal); waited++)
        {
            await Task.Delay(100);
        }

        Assert.Contains("auth.test failed", host.Output, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a host that stops on the failure does so at once
        using var response = await host.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        data.Dispose();
        knowledge.Dispose();
    }

    private Dictionary<string, string> Settings(string requestTimeout) => new()
    {
        ["Knowledge:Path"] = knowledge.Root,
        ["Data:Path"] = data.Root,
        ["MicrosoftAppId"] = string.Empty,
        ["Slack:SigningSecret"] = SlackSecret,
        ["Slack:BotToken"] = "xoxb-limit-test",
        ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/",
        ["RequestLimits:MaxConcurrentRequests"] = "1",
        ["RequestLimits:RequestTimeout"] = requestTimeout,
    };

    private static async Task TrickleAsync(TcpClient client, CancellationToken stop)
    {
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 1024));
        try
        {
            for (var sent = 0; sent < 190; sent++)
            {
                await Task.Delay(100, stop);
                await client.GetStream().WriteAsync(chunk, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is done with it.
        }
        catch (IOException)
        {
            // The server gave up on it; the assertions say whether that mattered.
        }
    }

    /// <summary>A request whose headers promise <paramref name="contentLength"/> bytes, of which only some are sent.</summary>
    private static async Task<TcpClient> SendHeadersAsync(int port, string path, int contentLength, int bodyBytes)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head + new string('{', bodyBytes)));
        return client;
    }

    /// <summary>The status code of the response's first line, or -1 when none arrives in time.</summary>
    private static async Task<int> StatusAsync(TcpClient client, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64];
        var received = 0;
        try
        {
            while (received < 12)
            {
                var read = await client.GetStream().ReadAsync(buffer.AsMemory(received), cancel.Token);
                if (read == 0)
                {
                    break;
                }

                received += read;
            }
        }
        catch (OperationCanceledException)
        {
            return -1;
        }

        var line = Encoding.ASCII.GetString(buffer, 0, received);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && received >= 12 ? int.Parse(line[9..12], System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}
