using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Feedback;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Conversation;

/// <summary>
/// The parts the conversation engine routes to, each on its own over the repository's knowledge: the reply builder,
/// the dialog turns, the advice turns and the feedback recorder.
/// </summary>
public sealed class ConversationPartsTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.Load(Repository.Knowledge);
    private static readonly LuceneKnowledgeIndex Index = LuceneKnowledgeIndex.Build(Knowledge);
    private readonly Recording feedback = new();
    private readonly FeedbackRecorder recorder;
    private readonly ReplyBuilder replies = new(Knowledge);

    public ConversationPartsTests() => recorder = new FeedbackRecorder(feedback, feedback, TimeProvider.System);

    [Fact]
    public void ReplyBuilder_Answer_CarriesTheQuestionInItsRatingButtons_CutToItsBound()
    {
        var question = "Which ports must be open between nodes for Cilium? " + new string('x', 400);
        var result = Index.Search("Which ports must be open between nodes for Cilium?", top: 3, answers: 1);

        var reply = replies.Answer(result, question);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        var rating = reply.Actions.Where(a => a.Data.GetValueOrDefault(ActionNames.Action) == ActionNames.Feedback).ToArray();
        Assert.Equal(["true", "false"], rating.Select(a => a.Data[ActionNames.Helpful]));
        Assert.All(rating, a => Assert.Equal(ReplyBuilder.MaxEchoedQuestion + 1, a.Data[ActionNames.Question].Length)); // cut, and "…"
        Assert.Contains(reply.Actions, a => a.Label == "中文"); // the counterpart
        Assert.Contains(reply.Actions, a => a.Data.GetValueOrDefault(ActionNames.Action) == ActionNames.Diagnose);
        Assert.True(reply.Related.Count <= 2);
    }

    [Fact]
    public void ReplyBuilder_Shown_IsTheWholeSection_WithoutRatingButtons()
    {
        var section = Knowledge.Sections.First(s => s.Passages.Count > 2);

        var reply = replies.Shown(section);

        Assert.Equal(ReplyKind.Section, reply.Kind);
        Assert.Equal(section.Passages.Count, reply.Answer!.Passages.Count);
        Assert.DoesNotContain(reply.Actions, a => a.Data.GetValueOrDefault(ActionNames.Action) == ActionNames.Feedback);
    }

    [Fact]
    public void ReplyBuilder_NoAnswer_QuotesTheQuestionSafely_AndOffersTheClosestDocuments()
    {
        var result = Index.Search("How do I size a Kafka [cluster](http://evil.example) for *JVM* heaps?", top: 3, answers: 1);
        Assert.False(result.Answered);

        var reply = ReplyBuilder.NoAnswer(result);

        Assert.Equal(ReplyKind.NoAnswer, reply.Kind);
        Assert.DoesNotContain("http://", reply.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(result.Suggestions.Count(d => d.Sections.Count > 0), reply.Actions.Count);
    }

    [Fact]
    public void DialogTurns_APrompt_HasItsChoicesThenBackThenCancel_AndKeepsTheState()
    {
        var dialogs = new DialogEngine(Knowledge);
        var first = dialogs.Continue(dialogs.Start(Language.En).State, "1");

        var turn = DialogTurns.From(first, replies);

        var reply = Assert.Single(turn.Replies);
        Assert.Equal(ReplyKind.DialogPrompt, reply.Kind);
        Assert.Same(first.State, turn.Dialog);
        Assert.Equal(first.Prompt!.Choices.Select(c => c.Value), reply.Actions.SkipLast(2).Select(a => a.Data[ActionNames.Value]));
        Assert.Equal(["back", "cancel"], reply.Actions.TakeLast(2).Select(a => a.Data[ActionNames.Command]));
        Assert.All(reply.Actions, a => Assert.Equal((ActionNames.Dialog, "en"), (a.Data[ActionNames.Action], a.Data[ActionNames.Language])));
    }

    [Fact]
    public void DialogTurns_TheFirstQuestion_HasNoBack_AndCancelEndsTheDialog()
    {
        var dialogs = new DialogEngine(Knowledge);
        var menu = dialogs.Start(Language.Zh);

        Assert.Equal(["cancel"], DialogTurns.From(menu, replies).Replies[0].Actions.Where(a => a.Data.ContainsKey(ActionNames.Command)).Select(a => a.Data[ActionNames.Command]));
        var cancelled = DialogTurns.From(dialogs.Continue(menu.State, "取消"), replies);
        Assert.Null(cancelled.Dialog);
        Assert.Equal((ReplyKind.DialogCancelled, Language.Zh), (cancelled.Replies[0].Kind, cancelled.Replies[0].Language));
    }

    [Fact]
    public void AdviceTurns_CompareNamesTwoPlugins_GetsATable_OfAtMostThreeColumns()
    {
        var advice = new AdviceTurns(Index, replies, recorder).Advise("compare calico cilium flannel antrea", Language.En, new DialogEngine(Knowledge))!;

        var reply = Assert.Single(advice.Replies);
        Assert.Equal(ReplyKind.Comparison, reply.Kind);
        Assert.Equal(AdviceTurns.MaxCompared, reply.Table!.Columns.Count);
        Assert.Equal(1, feedback.Answered);
    }

    [Fact]
    public void AdviceTurns_ARequestWithNeeds_IsRecommended_OneWithout_StartsTheInterview_OtherTextIsNotAdvice()
    {
        var advice = new AdviceTurns(Index, replies, recorder);
        var dialogs = new DialogEngine(Knowledge);

        var recommended = advice.Advise("Which CNI for AWS + GCP, we need FQDN egress policy?", Language.En, dialogs)!;
        Assert.Equal(ReplyKind.Recommendation, recommended.Replies[0].Kind);
        Assert.Null(recommended.Dialog);

        var interview = advice.Advise("which cni should we use", Language.En, dialogs)!;
        Assert.Equal(ConversationEngine.RecommendFlow, interview.Dialog!.FlowId);

        Assert.Null(advice.Advise("What MTU should Calico VXLAN use?", Language.En, dialogs));
    }

    [Fact]
    public async Task FeedbackRecorder_Unanswered_LogsTheSearchedQuestion_WithItsConfidence()
    {
        var result = Index.Search("How do I bake sourdough bread?", top: 3, answers: 1);

        await recorder.UnansweredAsync(result, Language.En, "slack", CancellationToken.None);

        var record = Assert.Single(feedback.Records);
        Assert.Equal((FeedbackKind.Unanswered, result.Question, "en", "slack"), (record.Kind, record.Question, record.Language, record.Channel));
        Assert.Equal(Math.Round(result.Confidence, 3), record.Confidence);
        Assert.Equal(1, feedback.Unanswered);
    }

    [Fact]
    public async Task FeedbackRecorder_Rating_TakesTheQuestionsLanguage_OrTheSectionsWhenThereIsNone()
    {
        Assert.Equal(Language.Zh, await recorder.RatedAsync(false, "Calico 的 MTU 怎么设？", "knowledge/en/calico.md#mtu", Language.En, "msteams", CancellationToken.None));
        Assert.Equal(Language.En, await recorder.RatedAsync(true, null, "knowledge/en/calico.md#mtu", Language.En, "msteams", CancellationToken.None));

        Assert.Equal([(false, "zh"), (true, "en")], feedback.Records.Select(r => (r.Helpful!.Value, r.Language!)));
        Assert.All(feedback.Records, r => Assert.Equal((FeedbackKind.Rating, "knowledge/en/calico.md#mtu"), (r.Kind, r.Section)));
        Assert.Equal(2, feedback.Rated);
    }

    /// <summary>A feedback store and metrics that remember what they were told.</summary>
    private sealed class Recording : IFeedbackStore, IBotMetrics
    {
        public List<FeedbackRecord> Records { get; } = [];

        public int Answered { get; private set; }

        public int Unanswered { get; private set; }

        public int Rated { get; private set; }

        public Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<FeedbackRecord>>(Records);

        void IBotMetrics.Answered(Language language) => Answered++;

        void IBotMetrics.Unanswered(Language language) => Unanswered++;

        void IBotMetrics.Rated(bool helpful) => Rated++;
    }
}
