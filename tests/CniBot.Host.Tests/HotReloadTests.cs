using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>Editing the knowledge folder of a running host changes its answers, and a broken edit changes nothing.</summary>
public sealed class HotReloadTests : IAsyncLifetime, IDisposable
{
    private const string Question = "How do zebra crossings carry packets?";
    private readonly TempFolder knowledge = new TempFolder()
        .With("en/base.md", "---\nid: base\nlang: en\n---\n# Base\n\nIntro.\n\n## What is Calico?\n\nCalico is a CNI plugin with BGP routing.\n");

    private readonly TempFolder data = new();
    private CniBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = knowledge.Root,
            ["Knowledge:ReloadDebounceMilliseconds"] = "100",
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
        });
        client = await factory.ReadyClientAsync();
    }

    [Fact]
    public async Task AddedSection_IsAnswered_AndRemovedSection_IsNotAnymore()
    {
        Assert.Equal("No good answer in the knowledge base", await TitleAsync(Question));

        knowledge.With("en/zebra.md", Zebra("Zebra crossings carry striped packets across the road."));
        Assert.True(await EventuallyAsync(async () => (await TitleAsync(Question)).Contains("zebra crossings", StringComparison.OrdinalIgnoreCase)));

        File.Delete(Path.Combine(knowledge.Root, "en", "zebra.md"));
        Assert.True(await EventuallyAsync(async () => await TitleAsync(Question) == "No good answer in the knowledge base"));
    }

    [Fact]
    public async Task BrokenEdit_KeepsTheLastGoodContent_AndShowsInMetrics()
    {
        knowledge.With("en/zebra.md", Zebra("Zebra crossings carry striped packets across the road."));
        Assert.True(await EventuallyAsync(async () => (await TitleAsync(Question)).Contains("zebra crossings", StringComparison.OrdinalIgnoreCase)));
        var failuresBefore = await MetricAsync("cnibot_knowledge_reload_failures_total");

        knowledge.With("en/zebra.md", "---\nid: zebra\nlang: en\ntags: [half, saved\n---\n# Zebra\n");

        Assert.True(await EventuallyAsync(async () => await MetricAsync("cnibot_knowledge_reload_failures_total") > failuresBefore));
        Assert.Contains("zebra crossings", await TitleAsync(Question), StringComparison.OrdinalIgnoreCase);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    public void Dispose()
    {
        knowledge.Dispose();
        data.Dispose();
    }

    private static string Zebra(string body) => $"---\nid: zebra\nlang: en\ntags: [zebra]\n---\n# Zebra\n\nIntro.\n\n## How do zebra crossings work?\n\n{body}\n";

    private async Task<string> TitleAsync(string question)
    {
        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message(question))));
        return BotRequests.Title(BotRequests.Card(reply));
    }

    private async Task<double> MetricAsync(string name)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
