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
