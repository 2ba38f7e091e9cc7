using System.Net;
using System.Text;
using CniBot.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>
/// Slack over Socket Mode, end to end: the real host with an app token and no signing secret dials the fake Slack's
/// real WebSocket server on 127.0.0.1 (TestData/Slack/SocketMode has the shapes it speaks), answers what comes over
/// the socket through the fake Web API, and keeps the connection through refreshes and drops.
/// </summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private const string AppToken = "xapp-1-A01K58AR4RF-1-socket-test";
    private SlackHost host = null!;

    public async Task InitializeAsync() => host = await SlackHost.StartAsync(("Slack:AppToken", AppToken));

    [Theory]
    [InlineData("/api/slack/events")]
    [InlineData("/api/slack/commands")]
    [InlineData("/api/slack/interactions")]
    public async Task WithAnAppTokenAndNoSigningSecret_TheHttpEndpointsAreOff(string path)
    {
        await host.Slack.WaitForSocketAsync(1);
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync(new Uri(path, UriKind.Relative), content)).StatusCode);
    }

    [Fact]
    public async Task AMentionOverTheSocket_IsAcknowledgedAndAnsweredInItsThread()
    {
        var socket = await host.Slack.WaitForSocketAsync(1);
        var open = host.Slack.CallsTo("/api/apps.connections.open").First();
        Assert.Equal("Bearer " + AppToken, open.Authorization);

        await socket.SendAndAwaitAckAsync(Envelope("events-api-app-mention.json"));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
        Assert.Equal("1700000100.000100", (string?)posted["thread_ts"]);
        Assert.Contains("1410", posted["blocks"]!.ToString(), StringComparison.Ordinal); // GCP 1460 − 50 for VXLAN
        Assert.Equal("Bearer xoxb-test-token", host.Slack.Calls.First(c => c.Path == "/api/chat.postMessage").Authorization);
    }

    [Fact]
    public async Task ASlashCommandOverTheSocket_IsAnsweredThroughItsResponseUrl()
    {
        var socket = await host.Slack.WaitForSocketAsync(1);
        var command = Envelope("slash-commands.json", ("RESPONSE_URL", host.Slack.ResponseUrl("socket-command").AbsoluteUri), ("TRIGGER_ID", "t." + Guid.NewGuid().ToString("N")));

        await socket.SendAndAwaitAckAsync(command);

        var answer = await host.Slack.WaitForAsync("/response/socket-command");
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        Assert.Contains("4245", answer["blocks"]!.ToString(), StringComparison.Ordinal); // Hubble Relay's port
    }

    [Fact]
    public async Task AFeedbackButtonPressedOverTheSocket_IsRecorded()
    {
        var socket = await host.Slack.WaitForSocketAsync(1);
        await socket.SendAndAwaitAckAsync(Envelope("events-api-app-mention.json"));
        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
        var buttons = posted["blocks"]!.Single(b => (string?)b["type"] == "context_actions")["elements"]!.Single(e => (string?)e["type"] == "feedback_buttons");

        var press = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Slack", "block-actions-feedback-buttons.json"))
            .Replace("RESPONSE_URL", host.Slack.ResponseUrl("socket-feedback").AbsoluteUri, StringComparison.Ordinal));
        press["actions"]![0]!["value"] = buttons["negative_button"]!["value"];
        var interactive = Envelope("interactive.json");
        interactive["payload"] = press;
        await socket.SendAndAwaitAckAsync(interactive);

        var log = await host.FeedbackLogAsync(l => l.Contains("\"helpful\":false", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("\"helpful\":false", StringComparison.Ordinal) && l.Contains("mtu", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheSameEventDeliveredTwice_IsAnsweredOnce()
    {
        var socket = await host.Slack.WaitForSocketAsync(1);
        var first = Envelope("events-api-app-mention.json");
        var retry = Envelope("events-api-app-mention.json");
        retry["envelope_id"] = Guid.NewGuid().ToString();
        retry["retry_attempt"] = 1;
        retry["retry_reason"] = "timeout";

        await socket.SendAndAwaitAckAsync(first);
        await socket.SendAndAwaitAckAsync(retry);
        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
        await Task.Delay(500);

        Assert.Single(host.Slack.CallsTo("/api/chat.postMessage"), c => (string?)c.Body["channel"] == "CSOCKET");
    }

    [Fact]
    public async Task ARefresh_OpensTheNextConnectionBeforeTheOldOneCloses_AndNothingIsLost()
    {
        var old = await host.Slack.WaitForSocketAsync(1);

        await old.SendAsync(JObject.Parse(FakeSlackApi.SlackFixture("disconnect-warning.json")));
        var next = await host.Slack.WaitForSocketAsync(2);
        await old.Closed.WaitAsync(TimeSpan.FromSeconds(5)); // CniBot closes the old one once the next said hello.

        Assert.Equal(1, next.OthersOpenAtAccept);
        Assert.Equal(2, host.Slack.CallsTo("/api/apps.connections.open").Length);
        await next.SendAndAwaitAckAsync(Envelope("events-api-app-mention.json"));
        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
    }

    [Fact]
    public async Task ADroppedConnection_IsDialledAgain()
    {
        var dropped = await host.Slack.WaitForSocketAsync(1);

        dropped.Abort();
        var next = await host.Slack.WaitForSocketAsync(2);

        Assert.Equal(0, next.OthersOpenAtAccept);
        await next.SendAndAwaitAckAsync(Envelope("events-api-app-mention.json"));
        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
    }

    [Fact]
    public async Task JunkOnTheSocket_IsDroppedAndTheConnectionServesOn()
    {
        var socket = await host.Slack.WaitForSocketAsync(1);
        var unknown = new JObject { ["envelope_id"] = "e-unknown", ["type"] = "some_future_type", ["payload"] = new JObject() };
        var broken = new JObject { ["envelope_id"] = "e-broken", ["type"] = "slash_commands", ["payload"] = new JObject { ["text"] = "no channel or response_url" } };

        await socket.SendAndAwaitAckAsync(unknown); // acknowledged, so that Slack does not resend it
        await socket.SendAndAwaitAckAsync(broken); // refused, and acknowledged: it would be refused again
        await socket.SendAndAwaitAckAsync(Envelope("events-api-app-mention.json"));

        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSOCKET");
        Assert.True(socket.IsOpen);
        Assert.Single(host.Slack.Sockets);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static JObject Envelope(string file, params (string Placeholder, string Value)[] values) =>
        JObject.Parse(values.Aggregate(FakeSlackApi.SlackFixture(file), (text, v) => text.Replace(v.Placeholder, v.Value, StringComparison.Ordinal)));
}

/// <summary>Socket Mode never dials an address that is not Slack's, whatever apps.connections.open answers.</summary>
public sealed class SlackSocketModeUrlTests : IAsyncLifetime
{
    private SlackHost host = null!;
    private FakeSlackApi elsewhere = null!;

    public async Task InitializeAsync()
    {
        var api = await FakeSlackApi.StartAsync();
        elsewhere = await FakeSlackApi.StartAsync();

        // Same machine, another host name and port: neither wss on slack.com nor the host of Slack:ApiBaseUrl.
        api.SocketUrl = $"ws://localhost:{elsewhere.ApiBaseUrl.Port}/link/?ticket=t1";
        host = await SlackHost.StartAsync(api, ("Slack:AppToken", "xapp-1-A01K58AR4RF-1-socket-test"));
    }

    [Fact]
    public async Task ASocketUrlOutsideSlack_IsNeverDialled()
    {
        // Asked, refused, asked again after the pause: and never connected.
        await host.Slack.WaitForAsync("/api/apps.connections.open", _ => host.Slack.CallsTo("/api/apps.connections.open").Length >= 2);

        Assert.Empty(elsewhere.Sockets);
        Assert.Empty(host.Slack.Sockets);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await elsewhere.DisposeAsync();
    }
}
