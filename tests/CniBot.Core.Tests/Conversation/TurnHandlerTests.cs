using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Hosting;
using CniBot.Loading;
using CniBot.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Tests.Conversation;

/// <summary>The channel-neutral turn: limits, the dialog kept before the replies go out, and the state store's outages.</summary>
public sealed class TurnHandlerTests
{
    private static readonly LuceneKnowledgeIndex Index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge));
    private readonly Store store = new();

    private TurnHandler Handler(int userTurns = 0, CniBot.Feedback.IFeedbackStore? feedback = null) => new(
        new ConversationEngine(Index, feedback ?? new NoFeedback(), NullBotMetrics.Instance, TimeProvider.System),
        store,
        new TurnRateLimiter(new MemorySharedCounters(TimeProvider.System), new RateLimitOptions { UserTurnsPerWindow = userTurns, ConversationTurnsPerWindow = 0 }),
        NullLogger<TurnHandler>.Instance);

    [Fact]
    public async Task AQuestion_IsAnswered_WithoutTouchingTheStateStore()
    {
        var replies = await Handler().HandleAsync("msteams", new Turn("c1", "u1", "Which ports must be open between nodes for Cilium?"), CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, Assert.Single(replies).Kind);
        Assert.Equal(0, store.Writes);
    }

    [Fact]
    public async Task ADialog_IsKept_AndTheNextTurnContinuesIt_UntilItEnds()
    {
        var handler = Handler();

        var menu = Assert.Single(await handler.HandleAsync("slack", new Turn("c2", "u1", "diagnose"), CancellationToken.None));
        Assert.Equal(ReplyKind.DialogPrompt, menu.Kind);
        Assert.Equal(DialogEngine.MenuStep, store.Dialogs[("slack", "c2")].StepId);

        var cancelled = Assert.Single(await handler.HandleAsync("slack", new Turn("c2", "u1", "cancel"), CancellationToken.None));
        Assert.Equal(ReplyKind.DialogCancelled, cancelled.Kind);
        Assert.False(store.Dialogs.ContainsKey(("slack", "c2")));
    }

    [Fact]
    public async Task ARatingGivenOutsideATurn_IsRecordedWithItsSectionAndReason_UnderTheSameLimits()
    {
        using var folder = new TempFolder();
        using var log = new CniBot.Feedback.JsonLinesFeedbackStore(folder.Root);
        var handler = Handler(userTurns: 1, feedback: log);
        var rating = new Rating(false, "Which ports for Cilium?", "en/cilium#which-ports-must-be-open-between-nodes-for-cilium", "the ports differ in 1.15");

        Assert.True(await handler.RateAsync("msteams", "rater", "c9", rating, CancellationToken.None));
        Assert.False(await handler.RateAsync("msteams", "rater", "c9", rating, CancellationToken.None)); // over the user's limit

        var recorded = Assert.Single(await log.ReadAllAsync());
        Assert.Equal(("knowledge/en/cilium.md#which-ports-must-be-open-between-nodes-for-cilium", "the ports differ in 1.15", false), (recorded.Section, recorded.Reason, recorded.Helpful));
    }

    [Fact]
    public async Task OverTheUserLimit_TheTurnIsRefusedInTheAskersLanguage_AndNothingElseHappens()
    {
        var handler = Handler(userTurns: 2);
        await handler.HandleAsync("msteams", new Turn("c3", "busy", "diagnose"), CancellationToken.None);
        await handler.HandleAsync("msteams", new Turn("c4", "busy", "Which ports for Cilium?"), CancellationToken.None);
        var writes = store.Writes;

        var refused = Assert.Single(await handler.HandleAsync("msteams", new Turn("c3", "busy", "诊断"), CancellationToken.None));

        Assert.Equal((ReplyKind.Help, Language.Zh), (refused.Kind, refused.Language));
        Assert.Contains("2", refused.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(writes, store.Writes);
    }

    [Fact]
    public async Task WhileTheStoreIsAway_QuestionsAreAnswered_AndADialogSaysItIsUnavailable()
    {
        var handler = Handler();
        store.Down = true;

        var answer = Assert.Single(await handler.HandleAsync("msteams", new Turn("c5", "u1", "Which ports must be open between nodes for Cilium?"), CancellationToken.None));
        var dialog = await handler.HandleAsync("msteams", new Turn("c5", "u1", "diagnose"), CancellationToken.None);

        Assert.Equal(ReplyKind.Answer, answer.Kind);
        Assert.DoesNotContain(dialog, r => r.Kind == ReplyKind.DialogPrompt);
        Assert.Equal(Texts.StateUnavailableTitle(Language.En), dialog[^1].Title);
    }

    [Fact]
    public async Task AStoreThatFailsOnSave_StillLetsTheRepliesOut_AndForgettingDuringAnOutageDoesNotThrow()
    {
        var handler = Handler();
        store.FailSaves = true;

        var menu = Assert.Single(await handler.HandleAsync("msteams", new Turn("c6", "u1", "diagnose"), CancellationToken.None));
        await handler.ForgetDialogAsync("msteams", "c6");

        Assert.Equal(ReplyKind.DialogPrompt, menu.Kind);
    }

    [Fact]
    public async Task ForgetDialog_EndsTheRunningDialog()
    {
        var handler = Handler();
        await handler.HandleAsync("msteams", new Turn("c7", "u1", "diagnose"), CancellationToken.None);

        await handler.ForgetDialogAsync("msteams", "c7");

        Assert.False(store.Dialogs.ContainsKey(("msteams", "c7")));
    }

    /// <summary>An in-memory dialog store that can be taken down, for loads and saves or for saves only.</summary>
    private sealed class Store : IDialogStore
    {
        public Dictionary<(string, string), DialogState> Dialogs { get; } = [];

        public bool Down { get; set; }

        public bool FailSaves { get; set; }

        public int Writes { get; private set; }

        public Task<DialogState?> LoadAsync(string channel, string conversation, CancellationToken cancellationToken) =>
            Down ? throw Outage() : Task.FromResult(Dialogs.GetValueOrDefault((channel, conversation)));

        public Task SaveAsync(string channel, string conversation, DialogState? dialog, CancellationToken cancellationToken)
        {
            if (Down || FailSaves)
            {
                throw Outage();
            }

            Writes++;
            if (dialog is null)
            {
                Dialogs.Remove((channel, conversation));
            }
            else
            {
                Dialogs[(channel, conversation)] = dialog;
            }

            return Task.CompletedTask;
        }

        private static StateStoreUnavailableException Outage() => new("down for the test", new TimeoutException());
    }
}
