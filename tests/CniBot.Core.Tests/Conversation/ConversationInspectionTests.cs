using CniBot.Conversation;
using CniBot.Diagnosis.Calculators;
using CniBot.Feedback;
using CniBot.Inspection;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Conversation;

/// <summary>A chat message that is mostly command output is read, not searched; a question around a log line is still searched.</summary>
public sealed class ConversationInspectionTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly LuceneKnowledgeIndex index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")));
    private readonly ConversationEngine engine;

    public ConversationInspectionTests() =>
        engine = new ConversationEngine(index, new JsonLinesFeedbackStore(data.Root), NullBotMetrics.Instance, TimeProvider.System);

    [Fact]
    public async Task PastedIpLink_WithAContextLine_IsInspected_InTheContextsLanguage()
    {
        var text = "GCP 上 Calico VXLAN，跨节点大包不通\n```\n" + TestFiles.Read("Inspection", "ip-link-gcp-calico-vxlan-too-large.txt") + "\n```";

        var reply = await Ask(text);

        Assert.Equal(ReplyKind.Inspection, reply.Kind);
        Assert.Equal(Language.Zh, reply.Language);
        Assert.Contains("ip-link", reply.Title, StringComparison.Ordinal);
        Assert.StartsWith("错误：", reply.Steps[0].Title, StringComparison.Ordinal);
        Assert.Contains("1410", reply.Steps[0].Title, StringComparison.Ordinal);
        Assert.Contains("```", reply.Steps[0].Body, StringComparison.Ordinal);
        Assert.Contains(reply.Steps, s => s.Impact == StepImpact.Disruptive && s.Body.Contains("1410", StringComparison.Ordinal));
        Assert.Contains(reply.Steps, s => s.Impact == StepImpact.ReadOnly && s.Body.Contains("-s 1382", StringComparison.Ordinal));
        // A step two findings share is shown once.
        Assert.Equal(reply.Steps.Count, reply.Steps.Select(s => s.Title + s.Body).Distinct().Count());
    }

    [Fact]
    public async Task DiagnoseUnderTheFindings_StartsTheMtuCheck_WithWhatTheOutputAnswered()
    {
        // The shipped knowledge carries the diagnose flows.
        using var shipped = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge));
        var withFlows = new ConversationEngine(shipped, new JsonLinesFeedbackStore(data.Root), NullBotMetrics.Instance, TimeProvider.System);
        var inspected = Assert.Single((await withFlows.HandleAsync(new Turn("c", "u", "GCP, Calico VXLAN\n" + TestFiles.Read("Inspection", "ip-link-gcp-calico-vxlan-too-large.txt")))).Replies);
        var diagnose = Assert.Single(inspected.Actions, a => a.Data[ActionNames.Action] == ActionNames.Diagnose);
        Assert.Equal("calico", diagnose.Data["known.plugin"]);
        Assert.Equal("1460", diagnose.Data["known.underlay"]);

        var pressed = await withFlows.HandleAsync(new Turn("c", "u", null, diagnose.Data));

        var result = Assert.Single(pressed.Replies);
        Assert.Equal(ReplyKind.DialogResult, result.Kind);
        Assert.Equal("Set the pod MTU to 1410", result.Title);
        Assert.Null(pressed.Dialog);
    }

    [Fact]
    public async Task DiagnoseWithAnAnswerTheFlowDoesNotAccept_AsksThatStep()
    {
        using var shipped = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge));
        var withFlows = new ConversationEngine(shipped, new JsonLinesFeedbackStore(data.Root), NullBotMetrics.Instance, TimeProvider.System);
        var press = Replies.Diagnose("🩺", Language.En, "mtu", new Dictionary<string, string> { ["plugin"] = "calico", ["mode"] = "carrier-pigeon" });

        var turn = await withFlows.HandleAsync(new Turn("c", "u", null, press.Data));

        var prompt = Assert.Single(turn.Replies);
        Assert.Equal(ReplyKind.DialogPrompt, prompt.Kind);
        Assert.Equal("Choose an MTU", prompt.Title);
        Assert.Contains(prompt.Paragraphs, p => p.Contains("How does pod traffic travel between nodes?", StringComparison.Ordinal));
        Assert.NotNull(turn.Dialog);
    }

    [Fact]
    public async Task HealthyOutput_IsSaidToBeHealthy()
    {
        var reply = await Ask(TestFiles.Read("Inspection", "calicoctl-all-established.txt"));

        Assert.Equal(ReplyKind.Inspection, reply.Kind);
        Assert.Equal("The calicoctl-node-status output looks healthy", reply.Title);
        Assert.Empty(reply.Steps);
        Assert.Contains(reply.Paragraphs, p => p.Contains("all 2 BGP peers are Established", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthyOutputUnderARealQuestion_LetsTheQuestionBeAnswered()
    {
        var reply = await Ask("Which MTU should Calico VXLAN use on our network?\n" + TestFiles.Read("Inspection", "ip-link-calico-ipip-healthy.txt"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task QuestionAroundOneLogLine_IsStillSearched()
    {
        var reply = await Ask("Which MTU should Calico VXLAN use? We run on a 1500-byte network and large packets stall.\nping: local error: message too long, mtu=1450");

        Assert.NotEqual(ReplyKind.Inspection, reply.Kind);
    }

    [Fact]
    public async Task UnrecognisedOutput_TheKnowledgeCannotAnswer_ListsWhatCniBotReads()
    {
        var reply = await Ask("$ kubectl get deploy\nNAME   READY   UP-TO-DATE   AVAILABLE   AGE\n$ helm list\n$ kubectl top nodes");

        Assert.Equal(ReplyKind.Inspection, reply.Kind);
        Assert.Equal(Texts.OutputNotRecognisedTitle(Language.En), reply.Title);
        Assert.Contains(reply.Paragraphs, p => p.Contains("calicoctl node status", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("curl -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.secret' https://10.0.0.1", "eyJhbGciOiJSUzI1NiJ9")]
    [InlineData("Failed to connect to Typha at https://admin:hunter2@10.0.0.5:5473", "hunter2")]
    [InlineData("GET /api?access_token=abc123def&x=1", "abc123def")]
    [InlineData("secret: s3cr3t-value password=pa55", "s3cr3t-value")]
    public void Secrets_AreNeverQuotedBack(string line, string secret)
    {
        var redacted = OutputLines.Redact(line);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretInAFindingsTitle_IsRedactedToo()
    {
        var report = new OutputInspector().Inspect(Paste.Of("  Warning  FailedCreatePodSandBox  1m  kubelet  Failed to create pod sandbox: failed to setup network for sandbox \"ab12\": plugin type=\"calico\" failed (add): Get https://admin:hunter2@10.96.0.1:443/x?token=abc123: i/o timeout"));

        var finding = Assert.Single(report.Findings);
        Assert.DoesNotContain("hunter2", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", finding.Title, StringComparison.Ordinal);
        Assert.All(finding.Evidence, e => Assert.DoesNotContain("hunter2", e, StringComparison.Ordinal));
    }

    [Fact]
    public void SecretInEvidence_IsRedactedBeforeItLeavesTheInspector()
    {
        var report = new OutputInspector().Inspect(Paste.Of("PING 10.0.0.2 (10.0.0.2) 1472(1500) bytes of data.\nping: local error: message too long, mtu=1400 token=abc123\n"));

        var finding = Assert.Single(report.Findings);
        Assert.DoesNotContain(finding.Evidence, e => e.Contains("abc123", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("What MTU should I use?\nWe run Calico.", false)]
    [InlineData("3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440 qdisc noqueue\n    link/ipip 0.0.0.0 brd 0.0.0.0\nwhy?", true)]
    [InlineData("why is this slow\n```\nanything at all\nin a fence\n```", true)]
    [InlineData("one line: PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.", false)]
    [InlineData("default via 10.0.0.1 dev eth0\n10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink\nwhy no route?", true)]
    [InlineData("NAMESPACE     NAME          READY   STATUS\nkube-system   calico-node   0/1     Running", true)]
    [InlineData("Cilium:   Ok   1.16.3\nCluster health:   1/3 reachable", true)]
    [InlineData("We upgraded to 1.30 last week.  Since then pods fail.\nAny idea?", false)]
    public void MostlyOutput_CountsOutputAndFencedLinesAgainstProse(string text, bool expected) =>
        Assert.Equal(expected, OutputLines.MostlyOutput(text));

    public void Dispose()
    {
        index.Dispose();
        data.Dispose();
    }

    private async Task<Reply> Ask(string text) => Assert.Single((await engine.HandleAsync(new Turn("c", "u", text))).Replies);
}
