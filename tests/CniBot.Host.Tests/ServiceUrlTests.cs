using System.Net;
using CniBot.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>
/// Replies go only to the Bot Framework's and Teams' service hosts, to those configured, and in Development to the
/// Emulator on loopback: an activity that names another serviceUrl is refused, and nothing is posted there.
/// </summary>
public sealed class ServiceUrlTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task UnknownServiceUrl_IsRefused_AndNothingIsPostedThere()
    {
        await using var target = await FakeBotConnector.StartAsync();

        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("Which ports must be open for Cilium?", target.ServiceUrl.AbsoluteUri, expectReplies: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["error"];
        Assert.Contains($"'{target.ServiceUrl.Host}'", error, StringComparison.Ordinal);
        Assert.Contains("BotFramework:AllowedServiceUrlHosts", error, StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.Empty(target.Received);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/amer/")] // a Teams host, but not over https
    [InlineData("https://smba.trafficmanager.net.example.org/amer/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    public async Task LookAlikeOrPlainHttpServiceUrl_IsRefused(string serviceUrl)
    {
        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("help", serviceUrl, expectReplies: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Development_AcceptsTheEmulatorOnLoopback_WithoutAllowAnonymous()
    {
        await using var emulator = await FakeBotConnector.StartAsync();
        using var data = new TempFolder();
        var settings = Settings(data);
        settings["BotFramework:AllowAnonymous"] = "false"; // Development needs no opt-in to run without tokens
        await using var factory = new CniBotFactory(settings, environment: "Development");
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("Which ports must be open for Cilium?", emulator.ServiceUrl.AbsoluteUri, expectReplies: false, channelId: "emulator"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, activity, _) = Assert.Single(emulator.Received);
        Assert.Equal("activity-1", (string?)activity["replyToId"]);
    }

    private static Dictionary<string, string?> Settings(TempFolder data) => new()
    {
        ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
        ["Data:Path"] = data.Root,
    };
}
