using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Fakes;

/// <summary>
/// Slack's Web API and response_url endpoints on 127.0.0.1, recording every call CniBot makes, and Socket Mode: a
/// real WebSocket server (<c>/link</c>) that <c>apps.connections.open</c> hands out, saying hello on each connection
/// and recording the acknowledgements it gets.
/// </summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    private readonly LoopbackServer server;

    private FakeSlackApi(LoopbackServer server) => this.server = server;

    public ConcurrentQueue<(string Path, JObject Body, string Authorization)> Calls { get; } = new();

    /// <summary>Channels whose next chat.postMessage calls are refused with 429 and Retry-After: 1, and how many.</summary>
    public ConcurrentDictionary<string, int> RateLimited { get; } = new();

    /// <summary>When each chat.postMessage arrived, by channel, in order.</summary>
    public ConcurrentQueue<(string Channel, DateTimeOffset At)> Posts { get; } = new();

    public Uri ApiBaseUrl => new(server.Address, "api/");

    /// <summary>Socket Mode connections in the order CniBot opened them.</summary>
    public ConcurrentQueue<FakeSocket> Sockets { get; } = new();

    /// <summary>What apps.connections.open answers as the socket URL; the fake's own <c>/link</c> unless set.</summary>
    public string? SocketUrl { get; set; }

    private int openedSockets;

    public Uri ResponseUrl(string id) => new(server.Address, $"response/{id}");

    public static async Task<FakeSlackApi> StartAsync()
    {
        FakeSlackApi? fake = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/link", (HttpContext http) => fake!.AcceptSocketAsync(http));
            app.MapPost("/{**path}", (HttpContext http, string path) => fake!.AnswerAsync(http, path));
        });
        fake = new FakeSlackApi(server);
        return fake;
    }

    private async Task<IResult> AnswerAsync(HttpContext http, string path)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? new JObject() : JObject.Parse(text);
        Calls.Enqueue(("/" + path, body, http.Request.Headers.Authorization.ToString()));
        var channel = (string?)body["channel"] ?? string.Empty;
        if (path == "api/chat.postMessage" && RateLimited.TryGetValue(channel, out var refusals) && refusals > 0 && RateLimited.TryUpdate(channel, refusals - 1, refusals))
        {
            http.Response.Headers.RetryAfter = "1";
            return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        return path switch
        {
            "api/auth.test" => Results.Json(new { ok = true, user_id = BotUserId, bot_id = "BBOT" }),
            "api/chat.postMessage" => Posted(channel),
            "api/chat.update" => Results.Json(new { ok = true }),
            "api/views.publish" => Results.Json(new { ok = true, view = new { id = "V0HOMEVIEW", type = "home" } }),
            "api/conversations.open" => Results.Json(new { ok = true, channel = new { id = "D" + (string?)body["users"] } }),
            "api/apps.connections.open" => Results.Text(SlackFixture("apps-connections-open.json").Replace("SOCKET_URL", SocketUrl ?? NextSocketUrl(), StringComparison.Ordinal), "application/json"),
            _ => Results.Ok(),
        };
    }

    private IResult Posted(string channel)
    {
        Posts.Enqueue((channel, DateTimeOffset.UtcNow));
        return Results.Json(new { ok = true, channel, ts = $"1700000000.{Calls.Count:D6}" });
    }

    private string NextSocketUrl() =>
        new UriBuilder(server.Address) { Scheme = "ws", Path = "link/", Query = $"ticket=t{Interlocked.Increment(ref openedSockets)}" }.Uri.AbsoluteUri;

    /// <summary>A Socket Mode shape from TestData/Slack/SocketMode.</summary>
    public static string SlackFixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Slack", "SocketMode", name));

    private async Task AcceptSocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var socket = new FakeSocket(await http.WebSockets.AcceptWebSocketAsync(), Sockets.Count(s => s.IsOpen));
        Sockets.Enqueue(socket);
        var hello = JObject.Parse(SlackFixture("hello.json"));
        hello["num_connections"] = Sockets.Count(s => s.IsOpen);
        await socket.SendAsync(hello);
        await socket.ReceiveUntilClosedAsync();
    }

    /// <summary>Waits until CniBot has opened <paramref name="count"/> Socket Mode connections in all; returns the last.</summary>
    public async Task<FakeSocket> WaitForSocketAsync(int count)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Sockets.Count >= count)
            {
                return Sockets.ElementAt(count - 1);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"CniBot opened {Sockets.Count} Socket Mode connection(s) within 10 s, not {count}");
    }

    public (string Path, JObject Body, string Authorization)[] CallsTo(string path) => [.. Calls.Where(c => c.Path == path)];

    public async Task<JObject> WaitForAsync(string path, Func<JObject, bool>? where = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var call = Calls.FirstOrDefault(c => c.Path == path && (where is null || where(c.Body)));
            if (call.Body is not null)
            {
                return call.Body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no call to {path} within 5 s; calls: {string.Join(", ", Calls.Select(c => c.Path))}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in Sockets)
        {
            socket.Dispose();
        }

        await server.DisposeAsync();
    }
}

/// <summary>One Socket Mode connection on the fake Slack's side.</summary>
internal sealed class FakeSocket(WebSocket socket, int othersOpenAtAccept) : IDisposable
{
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of CniBot's other connections were still open when this one was accepted.</summary>
    public int OthersOpenAtAccept { get; } = othersOpenAtAccept;

    /// <summary>The envelope ids CniBot acknowledged, in order.</summary>
    public ConcurrentQueue<string> Acks { get; } = new();

    /// <summary>Completes when CniBot has closed the connection (or it dropped).</summary>
    public Task Closed => closed.Task;

    public bool IsOpen => !closed.Task.IsCompleted;

    public async Task SendAsync(JObject message)
    {
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToString(Formatting.None)), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Sends an envelope and waits for CniBot's acknowledgement of it.</summary>
    public async Task SendAndAwaitAckAsync(JObject envelope)
    {
        var id = (string)envelope["envelope_id"]!;
        await SendAsync(envelope);
        for (var i = 0; i < 60 && !Acks.Contains(id); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Acks.Contains(id), $"envelope {id} was not acknowledged within 3 s");
    }

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public void Abort()
    {
        socket.Abort();
        closed.TrySetResult();
    }

    public void Dispose()
    {
        Abort();
        sending.Dispose();
    }

    internal async Task ReceiveUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                var message = JObject.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count));
                if ((string?)message["envelope_id"] is { } id)
                {
                    Acks.Enqueue(id);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped.
        }
        finally
        {
            closed.TrySetResult();
        }
    }
}
