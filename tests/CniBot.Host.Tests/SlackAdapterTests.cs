using CniBot.Bot.BotFramework.State;
using CniBot.Bot.Slack;
using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Hosting;
using CniBot.Loading;
using CniBot.Search;
using CniBot.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>
/// Slack's side of a turn on its own: the turn handler's replies posted to a fake Slack Web API on 127.0.0.1, where
/// Slack wants them (the channel's thread, a command's response_url, the pressed button's message).
/// </summary>
public sealed class SlackAdapterTests : IAsyncLifetime, IDisposable
{
    private static readonly LuceneKnowledgeIndex Index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge));
    private FakeSlackApi slack = null!;
    private HttpClient http = null!;
    private SlackOutbox outbox = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackApi.StartAsync();
        http = new HttpClient { BaseAddress = slack.ApiBaseUrl, Timeout = TimeSpan.FromSeconds(10) }; // as the host's typed client has it
    }

    public async Task DisposeAsync() => await slack.DisposeAsync();

    public void Dispose()
    {
        outbox?.Dispose();
        http.Dispose();
    }

    private SlackAdapter Adapter(IDialogStore? dialogs = null)
    {
        var api = new SlackApiClient(http, Options.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = slack.ApiBaseUrl.AbsoluteUri, ResponseUrlHosts = ["127.0.0.1"] }), new SlackIdentity(), NullLogger<SlackApiClient>.Instance);
        outbox = new SlackOutbox(api, TimeProvider.System, NullLogger<SlackOutbox>.Instance);
        return Adapter(api, outbox, dialogs);
    }

    private static SlackAdapter Adapter(SlackApiClient api, SlackOutbox outbox, IDialogStore? dialogs) => new(
        api,
        outbox,
        new SlackHome(api, new NoFeedback(), Options.Create(new SlackOptions()), TimeProvider.System),
        Options.Create(new ConversationOptions()),
        new TurnHandler(
            new ConversationEngine(Index, new NoFeedback(), NullBotMetrics.Instance, TimeProvider.System),
            dialogs ?? new StorageDialogStore(new Microsoft.Bot.Builder.MemoryStorage()),
            new TurnRateLimiter(new MemorySharedCounters(TimeProvider.System), new RateLimitOptions { UserTurnsPerWindow = 0, ConversationTurnsPerWindow = 0 }),
            NullLogger<TurnHandler>.Instance),
        NullLogger<SlackAdapter>.Instance);

    /// <summary>Waits until the outbox has posted what the turn queued.</summary>
    private async Task SentAsync() => await outbox.IdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task AMention_IsAnsweredInItsThread_AsBlockKit()
    {
        var inbound = new SlackInbound("Ev1", "T1:C1:1700000001.000100", "U1", "Which ports must be open between nodes for Cilium?", null, new SlackReplyTarget("C1", "1700000001.000100", null, Ephemeral: false));

        await Adapter().ProcessAsync(inbound, CancellationToken.None);
        await SentAsync();

        var post = Assert.Single(slack.CallsTo("/api/chat.postMessage")).Body;
        Assert.Equal(("C1", "1700000001.000100"), ((string?)post["channel"], (string?)post["thread_ts"]));
        Assert.Contains("Cilium", post["blocks"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandsAnswer_GoesToItsResponseUrl_Ephemeral_WithAShareButton()
    {
        var inbound = new SlackInbound("cmd1", "T1:C2", "U1", "Which ports must be open between nodes for Cilium?", null, new SlackReplyTarget("C2", null, slack.ResponseUrl("cmd1"), Ephemeral: true));

        await Adapter().ProcessAsync(inbound, CancellationToken.None);

        await SentAsync();
        var response = Assert.Single(slack.CallsTo("/response/cmd1")).Body;
        Assert.Equal("ephemeral", (string?)response["response_type"]);
        Assert.Contains("Share in channel", response["blocks"]!.ToString(), StringComparison.Ordinal);
        Assert.Empty(slack.CallsTo("/api/chat.postMessage"));
    }

    [Fact]
    public async Task APressedDialogButton_MarksTheChoiceOnItsMessage_ThenAsksTheNextQuestion()
    {
        var adapter = Adapter();
        var target = new SlackReplyTarget("C3", null, slack.ResponseUrl("press"), Ephemeral: false);
        await adapter.ProcessAsync(new SlackInbound("m1", "T1:C3", "U1", "diagnose", null, new SlackReplyTarget("C3", null, null, false)), CancellationToken.None);

        var press = new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Dialog, [ActionNames.Value] = "mtu", [ActionNames.Language] = "en" };
        await adapter.ProcessAsync(new SlackInbound("p1", "T1:C3", "U1", null, press, target, PressedLabel: "Choose an MTU"), CancellationToken.None);

        var calls = slack.CallsTo("/response/press");
        Assert.Equal(2, calls.Length);
        Assert.True((bool?)calls[0].Body["replace_original"]);
        Assert.Contains("✔ Choose an MTU", calls[0].Body["blocks"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Which CNI plugin", calls[1].Body["blocks"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATurnThatFails_IsApologisedFor_AndLeavesNoDialogBehind()
    {
        var broken = new BrokenStore();
        var inbound = new SlackInbound("m2", "T1:C4", "U1", "diagnose", null, new SlackReplyTarget("C4", null, null, false));

        await Adapter(broken).ProcessAsync(inbound, CancellationToken.None);
        await SentAsync();

        Assert.Contains("Sorry", Assert.Single(slack.CallsTo("/api/chat.postMessage")).Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, broken.Forgets);
    }

    /// <summary>A store with a bug (not an outage): every load throws; the adapter must still answer.</summary>
    private sealed class BrokenStore : IDialogStore
    {
        public int Forgets { get; private set; }

        public Task<DialogState?> LoadAsync(string channel, string conversation, CancellationToken cancellationToken) => throw new InvalidOperationException("a bug");

        public Task SaveAsync(string channel, string conversation, DialogState? dialog, CancellationToken cancellationToken)
        {
            Forgets += dialog is null ? 1 : 0;
            return Task.CompletedTask;
        }
    }
}
