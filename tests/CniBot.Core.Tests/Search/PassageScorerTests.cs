using CniBot.Loading;
using CniBot.Search;
using CniBot.Tests.Evaluation;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CniBot.Tests.Search;

/// <summary>
/// The passage scorer against Lucene itself: for real users' questions on the shipped knowledge, the passages it
/// returns and their scores are the ones Lucene's searcher returns for the same query.
/// </summary>
public sealed class PassageScorerTests : IDisposable
{
    private readonly PassageIndexParts index = new(KnowledgeLoader.Load(Repository.Knowledge));
    private readonly DirectoryReader reader;
    private readonly QuestionAnalyzer questions;
    private readonly QueryBuilder builder;
    private readonly PassageScorer scorer;

    public PassageScorerTests()
    {
        reader = index.Reader;
        questions = index.Questions;
        builder = new QueryBuilder(new SearchOptions(), reader.MaxDoc);
        scorer = index.Scorer;
    }

    [Theory]
    [InlineData("real.yaml")]
    [InlineData("heldout.yaml")]
    public void ScoresEveryRealQuestion_AsLuceneDoes(string file)
    {
        var searcher = new IndexSearcher(reader) { Similarity = PassageIndexWriter.Similarity };
        var compared = 0;
        foreach (var question in QuestionSets.Load(file))
        {
            var terms = new TermLookup(reader);
            var analyzed = questions.Analyze(question.Question);
            var clauses = builder.Clauses(analyzed, builder.Weigh(analyzed, terms), terms);
            if (clauses.Count == 0)
            {
                continue;
            }

            var expected = searcher.Search(QueryBuilder.ToLucene(clauses, terms), SectionRanker.PassageDepth).ScoreDocs;
            var actual = scorer.Search(clauses, SectionRanker.PassageDepth);

            // The same score at every rank, and every passage with the same score. Only passages whose scores differ
            // in the last bits of a float (the fields of a clause are added up in another order) may swap places, or
            // swap in and out at the last rank.
            Assert.Equal(expected.Length, actual.Length);
            var scores = actual.ToDictionary(a => a.Doc, a => a.Score);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Close(expected[i].Score, actual[i].Score), $"{question.Id}: #{i} scores {actual[i].Score}, Lucene's {expected[i].Score}");
                if (!Close(expected[i].Score, expected[^1].Score))
                {
                    Assert.True(scores.TryGetValue(expected[i].Doc, out var score) && Close(expected[i].Score, score), $"{question.Id}: passage {expected[i].Doc} (Lucene's #{i}) missing or scored otherwise");
                }
            }

            compared++;
        }

        Assert.True(compared >= 60, $"{compared} questions compared");
    }

    [Fact]
    public void Has_AgreesWithLucenesPostings()
    {
        var checkedTerms = 0;
        var found = 0;
        foreach (var question in QuestionSets.Load("real.yaml").Take(30))
        {
            var terms = new TermLookup(reader);
            var analyzed = questions.Analyze(question.Question);
            foreach (var alternative in builder.Clauses(analyzed, builder.Weigh(analyzed, terms), terms).SelectMany(c => c.Alternatives))
            {
                for (var doc = checkedTerms % 5; doc < reader.MaxDoc; doc += 5)
                {
                    var has = scorer.Has(alternative.Field, alternative.Term, doc);
                    Assert.Equal(LucenePostings.AnyInRange(reader, alternative.Field, alternative.Term, doc, doc + 1), has);
                    found += has ? 1 : 0;
                }

                checkedTerms++;
            }
        }

        Assert.True(checkedTerms > 100 && found > 100, $"{checkedTerms} terms, {found} passages holding them");
        Assert.False(scorer.Has("no.such.field", "calico", 0));
    }

    [Fact]
    public void NoClauses_NoPassages_AndDepthBoundsTheResult()
    {
        Assert.Empty(scorer.Search([], 10));
        var clauses = new List<QueryClause> { new(1f, [new FieldTerm(IndexFields.EnText, "calico", 1f)]) };
        var frequency = scorer.DocumentFrequency(IndexFields.EnText, "calico");

        Assert.True(frequency > 5, $"{frequency} passages say calico");
        Assert.Equal(5, scorer.Search(clauses, 5).Length);
        Assert.Equal(frequency, scorer.Search(clauses, frequency + 10).Length);
    }

    [Fact]
    public void UnknownFieldOrTerm_MatchesNothing()
    {
        Assert.Empty(scorer.Search([new QueryClause(1f, [new FieldTerm("no.such.field", "calico", 1f), new FieldTerm(IndexFields.EnText, "sourdough", 1f)])], 10));
        Assert.Equal(0, scorer.DocumentFrequency(IndexFields.EnText, "sourdough"));
    }

    [Fact]
    public void ConcurrentSearches_GetTheSameAnswerAsOneAtATime()
    {
        var clauses = new List<QueryClause>
        {
            new(1.2f, [new FieldTerm(IndexFields.EnText, "vxlan", 1f), new FieldTerm(IndexFields.EnHeading, "vxlan", 2f)]),
            new(0.75f, [new FieldTerm(IndexFields.EnText, "mtu", 1f)]),
        };
        var alone = scorer.Search(clauses, 50);

        var together = new (int Doc, float Score)[16][];
        Parallel.For(0, together.Length, i => together[i] = scorer.Search(clauses, 50));

        Assert.NotEmpty(alone);
        Assert.All(together, r => Assert.Equal(alone, r));
    }

    [Fact]
    public async Task Scorers_OfTwoIndexes_OnOneThread_EachScoreTheirOwnPassages()
    {
        // Each thread keeps one set of running scores per scorer it last searched with: a small index's set must not
        // be reused for the real knowledge's passages, nor the other way round (after a reload, say).
        using var folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\n---\n# A\n\n## VXLAN\n\nThe vxlan mtu is 1450.\n");
        using var small = new PassageIndexParts(KnowledgeLoader.Load(folder.Root));
        var clauses = new List<QueryClause> { new(1f, [new FieldTerm(IndexFields.EnText, "vxlan", 1f), new FieldTerm(IndexFields.EnText, "mtu", 1f)]) };
        var real = scorer.Search(clauses, 50);
        var own = small.Scorer.Search(clauses, 50);

        // On a thread of its own (a long-running task), so that the small index's set is the one the thread keeps when
        // the real knowledge is searched.
        (int Doc, float Score)[] realAgain = [], ownAgain = [];
        await Task.Factory.StartNew(
            () =>
            {
                ownAgain = small.Scorer.Search(clauses, 50);
                realAgain = scorer.Search(clauses, 50);
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.True(real.Length > 10, "the real knowledge has many passages on vxlan and mtu");
        Assert.Single(own);
        Assert.Equal(real, realAgain);
        Assert.Equal(own, ownAgain);
    }

    private static bool Close(float a, float b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(a));

    public void Dispose() => index.Dispose();
}
