using System.Globalization;
using System.Text;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using CniBot.Search.Analysis;
using Lucene.Net.Index;

namespace CniBot.Tests.Search;

/// <summary>
/// The state an index keeps between searches for speed (term states, analysed answer passages) changes nothing a
/// search returns, holds across threads, and stays bounded when questions bring words the knowledge never saw.
/// </summary>
public sealed class TermContextCacheTests : IDisposable
{
    private static readonly string[] Questions =
    [
        "Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?",
        "Cilium WireGuard 端口是多少",
        "pods on different nodes cannot ping each other with flannel vxlan",
        "ndots 5 slow DNS lookups",
        "kube-proxy ipvs mode",
        "how do I configure nginx TLS certificates",
    ];

    private readonly CniAnalyzer analyzer = new(AnalysisRole.Query);
    private readonly FrozenMemoryDirectory directory;
    private readonly DirectoryReader reader;

    public TermContextCacheTests()
    {
        var knowledge = KnowledgeLoader.Load(TestFiles.Path("Corpus"));
        directory = PassageIndexWriter.Write(knowledge, new GlossaryMatcher(knowledge.Glossary, t => TextTokens.Of(analyzer, t)));
        reader = DirectoryReader.Open(directory);
    }

    [Fact]
    public void SharedLookups_GiveTheSameStatistics_AndReuseTheStatesOfEarlierSearches()
    {
        var cache = new TermContextCache();
        var field = IndexFields.Text(Language.En);

        var first = new TermLookup(reader, cache).Context(field, "calico");
        var fresh = new TermLookup(reader).Context(field, "calico");
        var second = new TermLookup(reader, cache).Context(field, "calico");

        Assert.NotNull(first);
        Assert.Equal(fresh!.DocFreq, first.DocFreq);
        Assert.Same(first, second);
        Assert.Null(new TermLookup(reader, cache).Context(field, "sourdough"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void FullCache_RemembersNothingMore_ButStillLooksEveryTermUp()
    {
        var cache = new TermContextCache(capacity: 2);
        var field = IndexFields.Text(Language.En);
        string[] words = ["calico", "flannel", "cilium", "vxlan", "mtu"];

        var shared = new TermLookup(reader, cache);
        var frequencies = words.Select(w => shared.DocumentFrequency(field, w)).ToArray();

        Assert.Equal(2, cache.Count);
        var fresh = new TermLookup(reader);
        Assert.Equal(words.Select(w => fresh.DocumentFrequency(field, w)), frequencies);
        Assert.True(frequencies.Count(f => f > 0) >= 3, string.Join(", ", frequencies));
    }

    [Fact]
    public void RepeatedAndConcurrentSearches_ReturnWhatTheFirstSearchReturned_HighlightsIncluded()
    {
        // The answer cache is off: every search really searches, on shared term states and analysed passages.
        var options = SearchFixture.CorpusOptions();
        options.AnswerCacheEntries = 0;
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")), options);
        var expected = Questions.Select(q => Describe(index.Search(q))).ToArray();
        Assert.Contains(expected, e => e.Contains('[', StringComparison.Ordinal));

        var results = new string[240];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Describe(index.Search(Questions[i % Questions.Length])));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % Questions.Length], results[i]));
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }

    /// <summary>Everything a search returns that a cache could change: sections, confidence, passages, marked words.</summary>
    private static string Describe(SearchResult result)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{result.Answered} {result.Confidence:R}"));
        foreach (var hit in result.Hits)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{hit.Section.Key} {hit.Score:R}:");
            foreach (var run in hit.Answer.SelectMany(a => a.Cells.Prepend(a.Body)).SelectMany(r => r.Runs))
            {
                text.Append(run.Style.HasFlag(RunStyle.Highlight) ? $"[{run.Text}]" : run.Text);
            }
        }

        return text.ToString();
    }
}
