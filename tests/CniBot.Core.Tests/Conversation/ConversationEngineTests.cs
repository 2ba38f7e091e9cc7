using CniBot.Conversation;
using CniBot.Feedback;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Conversation;

public sealed class ConversationEngineTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly LuceneKnowledgeIndex index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")));
    private readonly JsonLinesFeedbackStore feedback;
    private readonly ConversationEngine engine;

    public ConversationEngineTests()
    {
        feedback = new JsonLinesFeedbackStore(data.Root);
        engine = new ConversationEngine(index, feedback, NullBotMetrics.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task Question_IsAnsweredWithTheCitedSection_InItsLanguage()
    {
        var reply = await Ask(new Turn("c", "u", "Calico VXLAN 的 MTU 怎么设？"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Equal(Language.Zh, reply.Language);
        Assert.Equal("calico-vxlan-的-mtu-应该设多少", reply.Answer!.Section.Anchor);
        var passage = Assert.Single(reply.Answer.Passages);
        Assert.Contains("1450", passage.Passage.Text, StringComparison.Ordinal);
        Assert.Contains(passage.Body.Runs, r => r.Text == "vxlanMTU" && (r.Style & RunStyle.Code) != 0);
        // The section has this one passage: there is no "more from this section" to offer.
        Assert.Equal(["👍", "👎", "English"], reply.Actions.Select(a => a.Label));
        Assert.Equal("en/calico-mtu#which-mtu-should-calico-vxlan-use", reply.Actions[2].Data[ActionNames.Section]);
        Assert.True(reply.Related.Count <= 2);
    }

    [Fact]
    public async Task Answer_SaysWhatItWasCheckedAgainst_AndWarnsAboutAnOlderReleaseInTheQuestion()
    {
        var reply = await Ask(new Turn("c", "u", "We run Calico v3.7.3: what MTU should Calico VXLAN use?"));

        Assert.Equal("Checked against Calico 3.31 · updated 2026-12", reply.Answer!.Checked);
        Assert.Equal(["You mention Calico 3.7; this section was checked against Calico 3.31, and older releases may behave differently."], reply.Notes);
    }

    [Fact]
    public async Task OffTopicQuestion_GetsAnHonestNoAnswer_AndIsRecorded()
    {
        var reply = await Ask(new Turn("c", "u", "How do I bake sourdough bread?"), "msteams");

        Assert.Equal(ReplyKind.NoAnswer, reply.Kind);
        Assert.Null(reply.Answer);
        Assert.Contains(reply.Paragraphs, p => p.Contains("won't guess", StringComparison.Ordinal));
        var record = Assert.Single(await feedback.ReadAllAsync());
        Assert.Equal(FeedbackKind.Unanswered, record.Kind);
        Assert.Equal("How do I bake sourdough bread?", record.Question);
        Assert.Equal("msteams", record.Channel);
    }

    [Theory]
    [InlineData("help", ReplyKind.Help, Language.En)]
    [InlineData("帮助", ReplyKind.Help, Language.Zh)]
    [InlineData("  Help! ", ReplyKind.Help, Language.En)]
    [InlineData("about", ReplyKind.About, Language.En)]
    [InlineData("关于", ReplyKind.About, Language.Zh)]
    [InlineData("", ReplyKind.Help, Language.En)]
    public async Task Commands_AreRecognisedInBothLanguages(string text, ReplyKind kind, Language language)
    {
        var reply = await Ask(new Turn("c", "u", text));

        Assert.Equal(kind, reply.Kind);
        Assert.Equal(language, reply.Language);
        Assert.NotEmpty(reply.Paragraphs);
    }

    [Fact]
    public async Task About_CountsTheKnowledge()
    {
        var reply = await Ask(new Turn("c", "u", "about"));

        // The fixture corpus: 5 topics (some in one language only), 26 sections in all.
        Assert.Contains("5 documents with 26 sections", reply.Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackButton_IsRecordedWithTheSectionAndQuestion()
    {
        var answer = await Ask(new Turn("c", "u", "Which port does Cilium WireGuard use?"));
        var thumbsDown = answer.Actions.Single(a => a.Label == "👎");

        var reply = await Ask(new Turn("c", "u", null, thumbsDown.Data));

        Assert.Equal(ReplyKind.FeedbackThanks, reply.Kind);
        var record = Assert.Single(await feedback.ReadAllAsync());
        Assert.Equal(FeedbackKind.Rating, record.Kind);
        Assert.False(record.Helpful);
        Assert.EndsWith("en/cilium-encryption.md#which-port-does-cilium-wireguard-use", record.Section, StringComparison.Ordinal);
        Assert.Equal("Which port does Cilium WireGuard use?", record.Question);
    }

    [Fact]
    public async Task NoAnswer_QuotesTheQuestion_WithoutItsMarkup_AndCut()
    {
        var question = "[Reset your password](https://evil.example/login) **now** or ask Kafka " + new string('x', 5_000);

        var reply = await Ask(new Turn("c", "u", question));

        Assert.Equal(ReplyKind.NoAnswer, reply.Kind);
        var explanation = reply.Paragraphs[0];
        Assert.DoesNotContain("](", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("**", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", explanation, StringComparison.Ordinal);
        Assert.True(explanation.Length < 300, $"{explanation.Length} characters");
    }

    [Fact]
    public async Task ForgedFeedbackButton_WithHugeFields_IsRecordedCut()
    {
        var forged = new Dictionary<string, string>
        {
            [ActionNames.Action] = ActionNames.Feedback,
            [ActionNames.Helpful] = "false",
            [ActionNames.Question] = new string('q', 60_000),
            [ActionNames.Section] = new string('s', 60_000),
        };

        await Ask(new Turn("c", "u", null, forged));

        var record = Assert.Single(await feedback.ReadAllAsync());
        Assert.Equal(FeedbackRecord.MaxQuestion, record.Question!.Length);
        Assert.Equal(FeedbackRecord.MaxField, record.Section!.Length);
        Assert.True(new FileInfo(Path.Combine(data.Root, "feedback.jsonl")).Length < 2 * 1024, "the log line stays small");
    }

    [Fact]
    public async Task LanguageButton_ShowsTheSameSectionInTheOtherLanguage()
    {
        var answer = await Ask(new Turn("c", "u", "Which port does Cilium WireGuard use?"));

        var reply = await Ask(new Turn("c", "u", null, answer.Actions.Single(a => a.Label == "中文").Data));

        Assert.Equal(ReplyKind.Section, reply.Kind);
        Assert.Equal(Language.Zh, reply.Language);
        Assert.Equal("cilium-wireguard-使用哪个端口", reply.Answer!.Section.Anchor);
        Assert.Equal(["English"], reply.Actions.Select(a => a.Label));
    }

    [Theory]
    [InlineData("section", "en/no-such#thing")]
    [InlineData("feedback", "en/calico-mtu#which-mtu-should-calico-vxlan-use")]
    [InlineData("launch-missiles", "x")]
    public async Task OddButtonData_GetsAHelpfulReply_NotAnError(string action, string section)
    {
        var reply = await Ask(new Turn("c", "u", null, new Dictionary<string, string> { ["action"] = action, ["section"] = section }));

        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.NotEmpty(reply.Paragraphs);
    }

    [Fact]
    public void Welcome_IsBilingual()
    {
        var reply = Replies.Welcome();

        Assert.Contains("你好", reply.Title, StringComparison.Ordinal);
        Assert.Contains(reply.Paragraphs, p => p.Contains("help", StringComparison.Ordinal));
        Assert.Contains(reply.Paragraphs, p => p.Contains("帮助", StringComparison.Ordinal));
    }

    private async Task<Reply> Ask(Turn turn, string? channel = null) => Assert.Single((await engine.HandleAsync(turn, null, channel)).Replies);

    public void Dispose()
    {
        index.Dispose();
        feedback.Dispose();
        data.Dispose();
    }
}
