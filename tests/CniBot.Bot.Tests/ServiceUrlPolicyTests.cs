using CniBot.Bot.BotFramework;

namespace CniBot.Tests;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData("https://webchat.botframework.com/", true)]
    [InlineData("https://europe.directline.botframework.com/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", true)]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", true)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)] // https only
    [InlineData("https://botframework.com.attacker.net/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://trafficmanager.net/", false)]
    [InlineData("http://localhost:9000/", false)] // the Emulator, outside Development
    [InlineData("http://127.0.0.1:6379/", false)]
    [InlineData("http://10.0.0.5/", false)]
    public void ServiceHosts_OnlyTheBotFrameworksAndTeams(string url, bool allowed)
    {
        var policy = new ServiceUrlPolicy(new BotFrameworkOptions(), development: false);

        Assert.Equal(allowed, policy.Check(new Uri(url)) is null);
    }

    [Theory]
    [InlineData("http://localhost:9000/", true)]
    [InlineData("http://127.0.0.1:3000", true)]
    [InlineData("http://[::1]:3000/", true)]
    [InlineData("http://10.0.0.5/", false)]
    public void Development_AddsLoopback(string url, bool allowed)
    {
        var policy = new ServiceUrlPolicy(new BotFrameworkOptions(), development: true);

        Assert.Equal(allowed, policy.Check(new Uri(url)) is null);
    }

    [Theory]
    [InlineData("http://bot-gateway.internal:8080/", true)]
    [InlineData("https://a.relay.example.com/", true)]
    [InlineData("https://relay.example.com/", false)] // *.example.com names subdomains only
    [InlineData("https://bot-gateway.internal.evil/", false)]
    public void ConfiguredHosts_AreAdded_ExactOrByWildcard(string url, bool allowed)
    {
        var policy = new ServiceUrlPolicy(new BotFrameworkOptions { AllowedServiceUrlHosts = ["bot-gateway.internal", "*.relay.example.com"] }, development: false);

        Assert.Equal(allowed, policy.Check(new Uri(url)) is null);
    }

    [Theory]
    [InlineData("bot-gateway.internal", true)]
    [InlineData("*.example.com", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("https://example.com/", false)]
    [InlineData("example.com:443", false)]
    [InlineData("example.com/path", false)]
    public void HostPattern_IsAHostNameOnly(string pattern, bool valid) => Assert.Equal(valid, ServiceUrlPolicy.IsHostPattern(pattern));
}
