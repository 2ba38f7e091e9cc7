using CniBot.Loading;
using CniBot.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CniBot.Tests.Search;

public sealed class QueryBuilderTests : IDisposable
{
    private readonly PassageIndexParts index = new(KnowledgeLoader.Load(TestFiles.Path("Corpus")));
    private readonly DirectoryReader reader;
    private readonly QuestionAnalyzer questions;
    private readonly QueryBuilder builder;

    public QueryBuilderTests()
    {
        reader = index.Reader;
        questions = index.Questions;
        builder = new QueryBuilder(new SearchOptions(), reader.MaxDoc);
    }

    [Theory]
    [InlineData("maximum transmission unit")]
    [InlineData("MTU")]
    [InlineData("最大传输单元")]
    public void Concept_IsOneClauseOnTheConceptFields_WhateverSynonymOrLanguageIsTyped(string typed)
    {
        var (query, _) = Build(typed);

        var clause = Assert.Single(query.Clauses);
        var fields = ((DisjunctionMaxQuery)clause.Query).Disjuncts.Select(q => ((TermQuery)q).Term).ToArray();
        Assert.All(fields, t => Assert.True(IndexFields.IsConceptField(t.Field), t.Field));
        Assert.All(fields, t => Assert.Equal("c0", t.Text));
    }

    [Fact]
    public void WordTheKnowledgeNeverUses_GetsNoClause_ButTheHighestIdf()
    {
        var (query, units) = Build("sourdough calico");

        Assert.Single(query.Clauses);
        var sourdough = units.Single(u => u.Unit.Text == "sourdough");
        Assert.False(sourdough.Known);
        Assert.Equal(units.Max(u => u.Idf), sourdough.Idf);
    }

    [Fact]
    public void HyphenatedSpellingOfAKnownWord_IsThatWord_AnUnknownOneStaysUnknown()
    {
        var (query, units) = Build("wire-guard or sour-dough");

        var known = units.Single(u => u.Unit.Text == "wire-guard");
        Assert.True(known.Known);
        Assert.Equal("wireguard", known.Unit.Term);
        Assert.Contains(query.Clauses, c => ((DisjunctionMaxQuery)c.Query).Disjuncts.Any(q => ((TermQuery)q).Term.Text == "wireguard"));
        var unknown = units.Single(u => u.Unit.Text == "sour-dough");
        Assert.False(unknown.Known);
        Assert.Equal("sour-dough", unknown.Unit.Term);
    }

    [Fact]
    public void UnknownCompoundOfKnownWords_InTheBody_IsTheAskersOwnName()
    {
        var body = "Calico MTU on Azure\n\n" + string.Concat(Enumerable.Repeat("The workloads restart and the packets drop again. ", 4))
            + "Our calico-tunnel deployment and the sour-dough job both time out.";

        var (_, units) = Build(body);

        Assert.True(units.Single(u => u.Unit.Text == "calico-tunnel").AskersName);
        Assert.False(units.Single(u => u.Unit.Text == "sour-dough").AskersName);
        Assert.False(units.Single(u => u.Unit.Text == "Calico").AskersName);

        // Asked about in the opening, such a word is what the question is about.
        var (_, asked) = Build("Is calico-tunnel supported on Azure?");
        Assert.False(asked.Single(u => u.Unit.Text == "calico-tunnel").AskersName);
    }

    [Fact]
    public void ConceptInMuchOfTheKnowledge_WeighsAtLeastTheFloor_AWordDoesNot()
    {
        // In the test corpus the MTU concept is in a large share of the passages, as it is in the product's knowledge.
        var (_, units) = Build("how do i change the mtu of calico after install");

        var mtu = units.Single(u => u.Unit.IsConcept && u.Unit.Text == "mtu");
        Assert.Equal(QueryBuilder.ConceptIdfFloor, mtu.Idf);
        Assert.All(units.Where(u => u.Unit.IsConcept && u.Known), u => Assert.True(u.Idf >= QueryBuilder.ConceptIdfFloor));
    }

    [Fact]
    public void LongQuestion_KeepsItsWeightiestUnits_UpToTheClauseLimit()
    {
        var words = "calico vxlan ipip mtu azure pods running tunnel header underlay workloads restart updated applies ipv4 ipv6 byte bytes leaves felixconfiguration installation resource races conntrack udp dns packets drop parallel queries resolver retries seconds nodelocal dnscache avoids iptables dnat connection tracking options ndots name fewer five dots search domain first multiplies lower dnsconfig example wireguard port cilium ipsec aws";

        var (query, units) = Build(words);

        Assert.True(units.Count(u => u.Known) > QueryBuilder.MaxClauses);
        Assert.Equal(QueryBuilder.MaxClauses, query.Clauses.Count);
    }

    [Fact]
    public void LongEnglishQuestion_WeighsHeadingMatchesLess_ShortAndChineseOnesKeepTheHeadingBoost()
    {
        var options = new SearchOptions { HeadingBoost = 2.5f, LongQuestionHeadingBoost = 1.25f };
        var weighing = new QueryBuilder(options, reader.MaxDoc);
        var narrative = "We followed the install guide on three nodes and the workloads restart every few minutes. ";
        var shortQuestion = "Which MTU for Calico VXLAN on Azure?";
        var longQuestion = shortQuestion + "\n\n" + string.Concat(Enumerable.Repeat(narrative, 3));
        var chinese = "Azure 上 Calico VXLAN 的 MTU 应该设多少？" + string.Concat(Enumerable.Repeat("我们按照安装文档在三个节点上部署，工作负载每隔几分钟就重启一次。", 4));
        Assert.True(longQuestion.Length > QueryBuilder.HeadingLength && chinese.Length > QueryBuilder.HeadingLength);

        float HeadingBoostOf(string question, string term)
        {
            var terms = new TermLookup(reader);
            var analyzed = questions.Analyze(question);
            var clauses = weighing.Clauses(analyzed, weighing.Weigh(analyzed, terms), terms);
            var text = clauses.SelectMany(c => c.Alternatives).First(a => a.Term == term && a.Field == IndexFields.Text(analyzed.Language));
            var heading = clauses.SelectMany(c => c.Alternatives).First(a => a.Term == term && a.Field == IndexFields.Heading(analyzed.Language));
            return heading.Boost / text.Boost;
        }

        Assert.Equal(2.5f, HeadingBoostOf(shortQuestion, "calico"), 3);
        Assert.Equal(1.25f, HeadingBoostOf(longQuestion, "calico"), 3);
        Assert.Equal(2.5f, HeadingBoostOf(chinese, "calico"), 3);
    }

    public void Dispose() => index.Dispose();

    private (BooleanQuery Query, List<WeightedUnit> Units) Build(string question)
    {
        var terms = new TermLookup(reader);
        var analyzed = questions.Analyze(question);
        var units = builder.Weigh(analyzed, terms);
        return (QueryBuilder.ToLucene(builder.Clauses(analyzed, units, terms), terms), units);
    }
}
