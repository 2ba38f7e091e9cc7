using CniBot.Bot.Slack;

namespace CniBot.Tests.Slack;

/// <summary>Which addresses CniBot may call on Slack's word: a response_url, a Socket Mode URL.</summary>
public sealed class SlackOptionsTests
{
    [Theory]
    [InlineData("wss://wss-primary.slack.com/link/?ticket=abc&app_id=A1", true)]
    [InlineData("wss://slack.com/link", true)]
    [InlineData("ws://wss-primary.slack.com/link", false)] // not encrypted
    [InlineData("wss://slack.com.attacker.example/link", false)]
    [InlineData("wss://evilslack.com/link", false)]
    [InlineData("wss://169.254.169.254/latest", false)]
    [InlineData("https://wss-primary.slack.com/link", false)]
    [InlineData("ws://127.0.0.1:8099/link", true)] // the host of Slack:ApiBaseUrl below: a proxy, or the tests' fake
    [InlineData("ws://localhost:8099/link", false)]
    public void SocketUrl_MustBeSlacksOrOnTheApiHost(string url, bool allowed)
    {
        var options = new SlackOptions { ApiBaseUrl = "http://127.0.0.1:8098/api/" };

        Assert.Equal(allowed, options.AllowsSocketUrl(new Uri(url)));
    }

    [Fact]
    public void SocketUrl_OnTheDefaultApi_IsOnlySlacks()
    {
        var options = new SlackOptions();

        Assert.True(options.AllowsSocketUrl(new Uri("wss://wss-backup.slack.com/link/?ticket=x")));
        Assert.False(options.AllowsSocketUrl(new Uri("ws://127.0.0.1/link")));
    }

    [Theory]
    [InlineData(null, null, false, false)]
    [InlineData("secret", null, true, false)]
    [InlineData(null, "xapp-1", false, true)]
    [InlineData("secret", "xapp-1", true, true)]
    public void TheWaysIn_FollowTheSecretAndTheAppToken(string? secret, string? appToken, bool http, bool socket)
    {
        var options = new SlackOptions { SigningSecret = secret, AppToken = appToken };

        Assert.Equal(http, options.Enabled);
        Assert.Equal(socket, options.SocketMode);
        Assert.Equal(http || socket, options.Connected);
    }
}
