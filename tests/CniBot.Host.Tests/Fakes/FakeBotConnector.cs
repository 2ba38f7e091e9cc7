using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Fakes;

/// <summary>
/// The Bot Connector service a channel's <c>serviceUrl</c> points at: it accepts the bot's replies
/// (<c>POST v3/conversations/{id}/activities[/{replyToId}]</c>) and keeps them for the test to inspect.
/// </summary>
internal sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly LoopbackServer server;

    private FakeBotConnector(LoopbackServer server) => this.server = server;

    public ConcurrentQueue<(string Path, JObject Activity, string? Authorization)> Received { get; } = new();

    public Uri ServiceUrl => server.Address;

    public static async Task<FakeBotConnector> StartAsync()
    {
        FakeBotConnector? connector = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/v3/conversations/{**rest}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var activity = JObject.Parse(await reader.ReadToEndAsync());
            connector!.Received.Enqueue((http.Request.Path.Value!, activity, http.Request.Headers.Authorization.ToString()));
            return Results.Json(new { id = $"reply-{connector.Received.Count}" });
        }));
        connector = new FakeBotConnector(server);
        return connector;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
