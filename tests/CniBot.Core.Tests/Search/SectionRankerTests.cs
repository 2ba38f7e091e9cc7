using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class SectionRankerTests
{
    [Theory]
    [InlineData("longhorn", false, Language.Zh, true)] // a product written in a Chinese question
    [InlineData("Kafka", false, Language.En, true)]
    [InlineData("cert-manager", true, Language.En, true)]
    [InlineData("cooldown", false, Language.En, false)] // an everyday English word
    [InlineData("v1.26", true, Language.En, false)] // a version names the setup, not the topic
    [InlineData("2022", false, Language.Zh, false)] // a year (not specific) in a Chinese question
    [InlineData("2022", false, Language.En, false)]
    public void IsName_TellsNamesFromWordsAndNumbers(string text, bool specific, Language language, bool expected)
    {
        var unit = new QueryUnit(text, Concept: -1, Term: text.ToLowerInvariant(), Salience: 1, Specific: specific);

        Assert.Equal(expected, SectionRanker.IsName(unit, language));
    }

    [Fact]
    public void RerankSubjects_IsTheShareOfTheQuestionsSubjectsTheSectionNames()
    {
        using var folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\ntags: [flannel, wireguard, calico]\n---\n# Encryption\n\n"
            + "## Flannel with WireGuard\n\nFlannel's wireguard backend encrypts pod traffic between nodes.\n\n"
            + "## Calico with WireGuard\n\nCalico encrypts pod traffic between nodes with WireGuard.\n");
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(folder.Root), new SearchOptions { MinConfidence = 0, MinConfidenceZh = 0, AnswerCacheEntries = 0 });

        var candidates = index.RerankCandidates("How do I encrypt pod traffic between nodes with flannel and wireguard?");

        var subjects = candidates.ToDictionary(c => index.Knowledge.Sections[c.Section].Heading, c => c.Features.Subjects);
        Assert.Equal(1.0, subjects["Flannel with WireGuard"]);
        Assert.Equal(0.5, subjects["Calico with WireGuard"]);
    }

    [Theory]
    [InlineData("Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?")]
    [InlineData("Cilium WireGuard 51871 端口 加密 节点")]
    [InlineData("DNS lookups take 5 seconds, conntrack races, ndots")]
    [InlineData("pods on different nodes cannot ping each other with flannel vxlan")]
    public void TheSectionRankedFirst_IsTheCandidateWithTheHighestMix(string question)
    {
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")), new SearchOptions { MinConfidence = 0, MinConfidenceZh = 0, AnswerCacheEntries = 0 });

        var candidates = index.RerankCandidates(question);
        var first = index.Search(question).Hits[0].Section;

        Assert.True(candidates.Count > 1);
        Assert.All(candidates, c => Assert.InRange(c.Features.Subjects, 0, 1));
        var best = candidates.OrderByDescending(c => c.Features.Mix()).First();
        Assert.Same(first, index.Knowledge.Sections[best.Section]);
    }

    [Theory]
    [InlineData("Which port does the flannel vxlan backend use, and does the interface matter?", false)]
    [InlineData("We run flannel on Hetzner and OVH machines, three VPS nodes, and followed the docs. Pods on other nodes time out: which port does the flannel vxlan backend use, and does it need opening? Does the interface matter?", true)]
    public void PlainSecondOpinionsBestSection_RaisesTheConfidenceOfALongQuestionOnly(string question, bool raised)
    {
        using var folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\ntags: [flannel]\n---\n# Flannel\n\n"
            + "## Which UDP port does the VXLAN backend use?\n\nFlannel's vxlan backend sends pod traffic to other nodes on UDP port 8472; open it between nodes.\n\n"
            + "## How do I pick the interface?\n\nFlannel takes the interface of the default route unless --iface names one.\n\n"
            + "## What MTU does flannel.1 take?\n\nThe node's MTU minus 50 bytes of VXLAN headers.\n");
        using var parts = new PassageIndexParts(KnowledgeLoader.Load(folder.Root));
        using var words = new SectionWordScorer(parts.Knowledge.Sections);
        var options = new SearchOptions();
        var ranker = new SectionRanker(parts.Layout, parts.Scorer, words, options);
        var builder = new QueryBuilder(options, parts.Layout.PassageCount);
        var analyzed = parts.Questions.Analyze(question);
        var units = builder.Weigh(analyzed, parts.Scorer);
        var terms = new TermLookup(parts.Reader);

        var first = ranker.Rank(builder.Clauses(analyzed, units, parts.Scorer), analyzed, units, terms, 3)[0];
        var measured = ranker.Confidence(SectionRanker.Focus(units, analyzed.Language), first.SectionIndex, terms, analyzed);

        Assert.Equal("Which UDP port does the VXLAN backend use?", first.Section.Heading);
        Assert.True(first.PlainBest, "the plain second opinion chose the same section");
        Assert.InRange(measured, 0.05, 1 / SectionRanker.AgreementBoost); // raised, it is not cut at 1
        Assert.Equal(raised ? measured * SectionRanker.AgreementBoost : measured, first.Confidence, 10);
    }

    [Fact]
    public void Mix_WeighsEachFeatureByItsWeight()
    {
        var features = new RerankFeatures(1, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(RerankFeatures.Weights[0], features.Mix());
        Assert.Equal(RerankFeatures.Names.Length, RerankFeatures.Weights.Length);
        Assert.Equal(RerankFeatures.Names.Length, features.Values.Length);
        Assert.Equal(RerankFeatures.Weights.Sum(), new RerankFeatures(1, 1, 1, 1, 1, 1, 1, 1, 1).Mix(), 10);
    }

    [Fact]
    public void TagsTheStemmerWouldCut_AreSubjects_AsTheQuestionSpellsThem()
    {
        // "eks" stems to "ek", and EKS written in capitals is searched as written: either way the tag names the
        // document's subject, which anchors a section to a question that names it.
        using var folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\ntags: [eks, ipvs]\n---\n# A\n\n## Pods per node\n\nEKS nodes run more pods with prefix delegation; kube-proxy runs IPVS.\n");
        using var parts = new PassageIndexParts(KnowledgeLoader.Load(folder.Root));
        var builder = new QueryBuilder(new SearchOptions(), parts.Layout.PassageCount);

        var units = builder.Weigh(parts.Questions.Analyze("How many pods can an EKS node run with ipvs?"), parts.Scorer);

        Assert.True(parts.Layout.IsSubject(units.Single(u => u.Unit.Text == "EKS").Unit.Term));
        Assert.True(parts.Layout.IsSubject(units.Single(u => u.Unit.Text == "ipvs").Unit.Term));
        Assert.False(parts.Layout.IsSubject(units.Single(u => u.Unit.Text == "node").Unit.Term));
    }
}
