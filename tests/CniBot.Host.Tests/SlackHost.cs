using CniBot.Tests.Fakes;

namespace CniBot.Tests;

/// <summary>
/// The real host wired to a fake Slack, as the Slack tests start it: answering through the fake's Web API (its
/// response_url host allowed), keeping its data in a folder of its own, with the way in the test gives (a signing
/// secret, an app token).
/// </summary>
internal sealed class SlackHost : IAsyncDisposable
{
    private SlackHost(FakeSlackApi slack, TempFolder data, CniBotFactory factory)
    {
        Slack = slack;
        Data = data;
        Factory = factory;
    }

    public FakeSlackApi Slack { get; }

    public TempFolder Data { get; }

    public CniBotFactory Factory { get; }

    public HttpClient Client { get; private set; } = null!;

    public static async Task<SlackHost> StartAsync(params (string Key, string? Value)[] settings) =>
        await StartAsync(await FakeSlackApi.StartAsync(), settings);

    public static async Task<SlackHost> StartAsync(FakeSlackApi slack, params (string Key, string? Value)[] settings)
    {
        var data = new TempFolder();
        var all = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = Repository.Knowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:ResponseUrlHosts:0"] = slack.ApiBaseUrl.Host, // the fake Slack's response_url, instead of hooks.slack.com
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var host = new SlackHost(slack, data, new CniBotFactory(all));
        host.Client = await host.Factory.ReadyClientAsync();
        return host;
    }

    /// <summary>The feedback log's lines once one of them satisfies <paramref name="until"/> (or after 5 s).</summary>
    public async Task<string[]> FeedbackLogAsync(Func<string, bool> until)
    {
        var file = Path.Combine(Data.Root, "feedback.jsonl");
        string[] log = [];
        for (var i = 0; i < 100 && !log.Any(until); i++)
        {
            await Task.Delay(50);
            log = File.Exists(file) ? await File.ReadAllLinesAsync(file) : [];
        }

        return log;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        Data.Dispose();
    }
}
