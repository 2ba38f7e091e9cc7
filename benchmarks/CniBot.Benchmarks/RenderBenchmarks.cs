using BenchmarkDotNet.Attributes;
using CniBot.Bot.Cards;
using CniBot.Bot.Slack;
using CniBot.Conversation;
using CniBot.Feedback;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using Newtonsoft.Json;

namespace CniBot.Benchmarks;

/// <summary>
/// Turning a reply into what a channel receives, serialized: an Adaptive Card (Teams) and Block Kit (Slack), for a
/// cited answer, a plugin comparison table and a ranked recommendation made from the real knowledge.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly ConversationOptions options = new() { SourceBaseUrl = "https://example.com/cnibot/blob/main" };
    private LuceneKnowledgeIndex index = null!;
    private Reply reply = null!;

    [Params("answer", "comparison", "recommendation")]
    public string Kind { get; set; } = "answer";

    [GlobalSetup]
    public void Setup()
    {
        index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Paths.Knowledge));
        var engine = new ConversationEngine(index, new NoFeedback(), NullBotMetrics.Instance, TimeProvider.System);
        var text = Kind switch
        {
            "comparison" => "compare calico cilium",
            "recommendation" => "AWS + GCP, need FQDN egress policy, which CNI?",
            _ => "Which ports must be open between nodes for Cilium?",
        };
        reply = engine.HandleAsync(new Turn("bench", "user", text)).GetAwaiter().GetResult().Replies[0];
    }

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark]
    public int AdaptiveCard() => AdaptiveCardRenderer.Render(reply, options).ToString(Formatting.None).Length;

    [Benchmark]
    public int BlockKit() => JsonConvert.SerializeObject(BlockKitRenderer.Render(reply, options, "T1:C1:1.2").Blocks).Length;

    private sealed class NoFeedback : IFeedbackStore
    {
        public Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<FeedbackRecord>>([]);
    }
}
