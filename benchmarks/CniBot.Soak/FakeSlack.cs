using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace CniBot.Soak;

/// <summary>
/// Slack's Web API as far as the bot uses it (<c>auth.test</c>, <c>chat.postMessage</c>, <c>chat.update</c>), a real
/// HTTP server on 127.0.0.1 answering in Slack's shapes, counting the channels it was posted to.
/// </summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    public const string BotUserId = "USOAKBOT";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> posts = new(StringComparer.Ordinal);

    private FakeSlack(WebApplication app) => this.app = app;

    /// <summary>The base URL of the Web API (<c>Slack:ApiBaseUrl</c>).</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    public int PostCount => posts.Values.Sum();

    public bool WasPostedTo(string channel) => posts.ContainsKey(channel);

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.UseRouting();
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            var body = request.HasFormContentType
                ? new JsonObject((await request.ReadFormAsync()).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))))
                : await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
            switch (method)
            {
                case "auth.test":
                    return Results.Json(new { ok = true, user_id = BotUserId, bot_id = "BSOAK" });
                case "chat.postMessage":
                    var channel = (string?)body["channel"] ?? string.Empty;
                    fake.posts.AddOrUpdate(channel, 1, (_, n) => n + 1);
                    return Results.Json(new { ok = true, channel, ts = $"1700000000.{fake.PostCount:D6}" });
                case "chat.update":
                    return Results.Json(new { ok = true });
                default:
                    return Results.Json(new { ok = false, error = "unknown_method" }, statusCode: (int)HttpStatusCode.NotFound);
            }
        });
        await app.StartAsync();
        fake.ApiBaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/api/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
