using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Fakes;

/// <summary>Slack's Web API and response_url endpoints on 127.0.0.1, recording every call CniBot makes.</summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    private readonly LoopbackServer server;

    private FakeSlackApi(LoopbackServer server) => this.server = server;

    public ConcurrentQueue<(string Path, JObject Body, string Authorization)> Calls { get; } = new();

    /// <summary>Channels whose next chat.postMessage is refused once with 429 and Retry-After: 1.</summary>
    public ConcurrentDictionary<string, bool> RateLimitOnce { get; } = new();

    public Uri ApiBaseUrl => new(server.Address, "api/");

    public Uri ResponseUrl(string id) => new(server.Address, $"response/{id}");

    public static async Task<FakeSlackApi> StartAsync()
    {
        FakeSlackApi? fake = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
            var body = text.Length == 0 ? new JObject() : JObject.Parse(text);
            fake!.Calls.Enqueue(("/" + path, body, http.Request.Headers.Authorization.ToString()));
            if (path == "api/chat.postMessage" && fake.RateLimitOnce.TryRemove((string?)body["channel"] ?? string.Empty, out _))
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: StatusCodes.Status429TooManyRequests);
            }

            return path switch
            {
                "api/auth.test" => Results.Json(new { ok = true, user_id = BotUserId, bot_id = "BBOT" }),
                "api/chat.postMessage" => Results.Json(new { ok = true, channel = (string?)body["channel"], ts = $"1700000000.{fake.Calls.Count:D6}" }),
                "api/chat.update" => Results.Json(new { ok = true }),
                _ => Results.Ok(),
            };
        }));
        fake = new FakeSlackApi(server);
        return fake;
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

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
