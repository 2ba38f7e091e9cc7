using Microsoft.Extensions.DependencyInjection;

namespace CniBot.Tests;

/// <summary>A bad setting stops the host at start, with the setting's key in the message.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Search:MinConfidence", "5", "Search:MinConfidence")]
    [InlineData("Search:MinConfidenceZh", "-0.1", "Search:MinConfidenceZh")]
    [InlineData("Search:HeadingBoost", "-1", "Search:HeadingBoost")]
    [InlineData("Search:LongQuestionHeadingBoost", "101", "Search:LongQuestionHeadingBoost")]
    [InlineData("Knowledge:Path", "/no/such/knowledge/folder", "Knowledge:Path")]
    [InlineData("Knowledge:SourceBaseUrl", "not a url", "Knowledge:SourceBaseUrl")]
    [InlineData("Knowledge:ReloadDebounceMilliseconds", "-1", "Knowledge:ReloadDebounceMilliseconds")]
    [InlineData("RequestLimits:MaxConcurrentRequests", "0", "RequestLimits:MaxConcurrentRequests")]
    [InlineData("RateLimits:Window", "00:00:00", "RateLimits:Window")]
    [InlineData("RequestLimits:MaxServerBodyBytes", "1000", "RequestLimits:MaxServerBodyBytes")] // below the endpoints' limits
    [InlineData("ChatPage:Enabled", "maybe", "ChatPage:Enabled")]
    [InlineData("Storage:MemoryStateEntries", "0", "Storage:MemoryStateEntries")]
    [InlineData("Metrics:Port", "70000", "Metrics:Port")]
    [InlineData("BotFramework:AllowAnonymous", "false", "BotFramework:AllowAnonymous")] // no MicrosoftAppId, not Development
    [InlineData("BotFramework:AllowedServiceUrlHosts:0", "https://smba.example.com/", "BotFramework:AllowedServiceUrlHosts")]
    [InlineData("Slack:AppToken", "xapp-1-A1-1-x", "Slack:BotToken")]
    [InlineData("Slack:Maintainers:0", "@alice", "Slack:Maintainers")] // Socket Mode without a bot token to answer with
    public async Task BadSetting_StopsTheHost_NamingTheKey(string key, string value, string expected)
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            [key] = value,
        };

        var error = await FailedStartAsync(settings);

        Assert.NotNull(error);
        Assert.Contains(expected, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABotTokenGivenAsTheAppToken_StopsTheHost_SayingWhatAnAppTokenIs()
    {
        using var data = new TempFolder();
        var error = await FailedStartAsync(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["Slack:AppToken"] = "xoxb-a-bot-token-in-the-wrong-place",
            ["Slack:BotToken"] = "xoxb-a-bot-token-in-the-wrong-place",
        });

        Assert.NotNull(error);
        Assert.Contains("Slack:AppToken", Flatten(error), StringComparison.Ordinal);
        Assert.Contains("xapp-", Flatten(error), StringComparison.Ordinal);
    }

    /// <summary>
    /// What starting the host with <paramref name="settings"/> throws (null when it starts). Sometimes, with other
    /// test hosts starting in parallel, WebApplicationFactory reports a failed start as an ObjectDisposedException
    /// ("Cannot access a disposed object") instead of the host's exception: the harness racing the failed host's
    /// disposal (the host's RunAsync disposes it on the way out, and the factory reads its services after). Such an
    /// attempt is repeated, at most ten times, each after a longer pause: on a fresh-clone CI run with the four test
    /// assemblies at once, five attempts in a row within 200 ms all lost the race.
    /// </summary>
    private static async Task<Exception?> FailedStartAsync(Dictionary<string, string?> settings)
    {
        Exception? error = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            await using var factory = new CniBotFactory(settings);
            error = Record.Exception(() => factory.CreateClient());
            if (error is null || !Flatten(error).Contains("Cannot access a disposed object", StringComparison.Ordinal))
            {
                break;
            }
        }

        return error;
    }

    [Fact]
    public async Task WithoutRedis_ConversationStateIsBoundedInMemory()
    {
        using var data = new TempFolder();
        await using var factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["Storage:MemoryStateEntries"] = "123",
        });

        var storage = Assert.IsType<CniBot.Bot.BotFramework.State.BoundedMemoryStorage>(factory.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>());
        Assert.Equal(123, storage.Capacity);
    }

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join('\n', aggregate.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? string.Empty : "\n" + Flatten(error.InnerException)),
    };

    [Theory]
    [InlineData("http://+:3978", "+")]
    [InlineData("http://127.0.0.1:5000;http://[::1]:5000", "127.0.0.1")]
    [InlineData(" http://localhost:3978 ", "localhost")]
    [InlineData(null, "localhost")]
    public void MetricsListener_TakesTheInterfacesOfTheFirstUrl(string? urls, string expected) =>
        Assert.Equal(expected, CniBot.Host.MetricsServerService.ListenHostname(urls));

    [Fact]
    public async Task MetricsPortTaken_StopsTheHost()
    {
        using var data = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var error = await FailedStartAsync(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["Urls"] = "http://127.0.0.1:0",
            ["Metrics:Port"] = port,
        });

        Assert.NotNull(error);
        Assert.Contains(port, Flatten(error), StringComparison.Ordinal);
    }
}
