using CniBot.Knowledge;
using CniBot.Search;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CniBot.Tests.Search;

public sealed class SectionWordScorerTests
{
    private static readonly KnowledgeSection[] Sections =
    [
        Section("Calico", "VXLAN MTU", "On a 1500-byte network Calico's VXLAN interface uses an MTU of 1450; with IPv6 underneath it is 1430."),
        Section("Calico", "BGP peering", "Calico peers with the top-of-rack router over BGP on TCP port 179. A peer that is not Established blocks routes."),
        Section("Flannel", "VXLAN backend", "Flannel's VXLAN backend sends traffic on UDP port 8472; the flannel.1 interface takes the MTU of the node minus 50."),
        Section("Troubleshooting", "Conntrack", "When the conntrack table is full the kernel drops packets: raise nf_conntrack_max. The table is full, the table drops."),
        Section("带宽", "限制 Pod 的出口带宽", "用 bandwidth 插件的注解限制单个 Pod 的出口带宽，例如 10M。", Language.Zh),
        Section("MTU", "巨型帧", "AWS 的 VPC 内支持 9001 字节的巨型帧，跨区域对等连接是 8500。", Language.Zh),
    ];

    [Theory]
    [InlineData("Which MTU does Calico VXLAN use on a 1500 network with IPv6?")]
    [InlineData("flannel vxlan port 8472 blocked, what MTU does flannel.1 take?")]
    [InlineData("the conntrack table is full and drops packets, BGP peer not Established")]
    [InlineData("如何限制 Pod 的出口带宽？AWS 跨区域的 MTU 是多少")]
    public void Scores_AreLuceneTfIdfScores_UpToOneFactorPerQuestion(string question)
    {
        using var scorer = new SectionWordScorer(Sections);
        var all = Enumerable.Range(0, Sections.Length).ToArray();

        var ours = scorer.Score(question, all);
        var lucene = LuceneScores(question);

        // Lucene keeps a field's length in one byte, so its scores are off by a few percent; the ranking is the same.
        Assert.Equal(Order(lucene), Order(ours));
        var matched = all.Where(i => lucene[i] > 0).ToArray();
        Assert.True(matched.Length >= 2, "the question should match several sections");
        Assert.All(all, i => Assert.Equal(lucene[i] > 0, ours[i] > 0));
        var factor = ours[matched[0]] / lucene[matched[0]];
        Assert.All(matched, i => Assert.InRange(ours[i] / lucene[i] / factor, 0.85, 1.18));
    }

    [Fact]
    public void Scores_FollowTheOrderOfTheSectionsAsked()
    {
        using var scorer = new SectionWordScorer(Sections);
        const string question = "Calico BGP peer on port 179";

        var forward = scorer.Score(question, [0, 1, 2]);
        var backward = scorer.Score(question, [2, 1, 0]);

        Assert.Equal(forward.Reverse(), backward);
        Assert.True(forward[1] > forward[0] && forward[0] > 0, "the BGP section holds most of the question");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Kafka consumer lag")]
    [InlineData("the and of")]
    public void Question_WithNoWordOfTheKnowledge_ScoresZero(string question)
    {
        using var scorer = new SectionWordScorer(Sections);

        Assert.All(scorer.Score(question, Enumerable.Range(0, Sections.Length).ToArray()), s => Assert.Equal(0, s));
    }

    [Fact]
    public void ChineseQuestion_MatchesByCharacters_AsStandardAnalyzerCutsThem()
    {
        using var scorer = new SectionWordScorer(Sections);

        var scores = scorer.Score("单个容器的出口限速怎么做", Enumerable.Range(0, Sections.Length).ToArray());

        Assert.Equal(4, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public void WordsSaidTwice_WeighTwice()
    {
        using var scorer = new SectionWordScorer(Sections);

        var once = scorer.Score("flannel conntrack", [2, 3]);
        var twice = scorer.Score("flannel flannel conntrack", [2, 3]);

        Assert.Equal(2 * once[0], twice[0], 6);
        Assert.Equal(once[1], twice[1], 6);
    }

    private static int[] Order(double[] scores) =>
        Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).OrderByDescending(i => scores[i]).ToArray();

    /// <summary>What Lucene itself scores: one document per section, the question's distinct words boosted by count.</summary>
    private static double[] LuceneScores(string question)
    {
        using var directory = new RAMDirectory();
        using var analyzer = new StandardAnalyzer(LuceneVersion.LUCENE_48);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new DefaultSimilarity() }))
        {
            foreach (var section in Sections)
            {
                writer.AddDocument([new TextField("text", section.DocumentTitle + "\n" + section.Heading + "\n" + section.PlainText, Field.Store.NO)]);
            }
        }

        var counts = new Dictionary<string, int>();
        using (var stream = analyzer.GetTokenStream("text", question))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                counts[term.ToString()] = counts.GetValueOrDefault(term.ToString()) + 1;
            }

            stream.End();
        }

        var query = new BooleanQuery();
        foreach (var (word, count) in counts)
        {
            query.Add(new TermQuery(new Term("text", word)) { Boost = count }, Occur.SHOULD);
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new DefaultSimilarity() };
        var scores = new double[Sections.Length];
        foreach (var hit in searcher.Search(query, Sections.Length).ScoreDocs)
        {
            scores[hit.Doc] = hit.Score;
        }

        return scores;
    }

    private static KnowledgeSection Section(string title, string heading, string text, Language language = Language.En) => new()
    {
        DocumentId = title.ToLowerInvariant(), DocumentTitle = title, Language = language, Path = $"knowledge/{language.Code()}/{title}.md", Heading = heading,
        HeadingPath = [title, heading], Anchor = heading.ToLowerInvariant().Replace(' ', '-'), Level = 2, Line = 1, Ordinal = 0, Markdown = text, PlainText = text,
    };
}
