using System.Globalization;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class MisspellingsTests : IDisposable
{
    private readonly TempFolder folder;
    private readonly PassageIndexParts parts;
    private readonly Misspellings spelling;

    public MisspellingsTests()
    {
        // Common words (in every passage) can be what a misspelling meant; "calicoctl" is in two passages
        // only, too rare to be sure of.
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 24).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"Paragraph {i}: kubernetes runs coredns behind a service on the network with kube-proxy{(i <= 2 ? "; see calicoctl" : string.Empty)}.")));
        folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\n---\n# A\n\n## Words\n\n" + paragraphs + "\n");
        parts = new PassageIndexParts(KnowledgeLoader.Load(folder.Root));
        spelling = new Misspellings(parts.Scorer, IndexFields.WordFields);
    }

    public void Dispose()
    {
        parts.Dispose();
        folder.Dispose();
    }

    [Theory]
    [InlineData("kuberntes", "kubernetes")] // a letter left out
    [InlineData("corendns", "coredns")] // a letter too many
    [InlineData("serivce", "service")] // two letters swapped
    [InlineData("netowrk", "network")]
    public void OneEditFromACommonWord_IsThatWord(string asked, string meant) =>
        Assert.Equal(Stem(meant), spelling.Correct(Stem(asked)));

    [Theory]
    [InlineData("networks")] // known already (the stem of a known word)
    [InlineData("netwerk")] // a replaced letter: too many everyday words are one replacement from a term
    [InlineData("snetwork")] // an edit at the first letter
    [InlineData("calicoclt")] // a word in too few passages to be sure of
    [InlineData("kafka")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // pasted noise
    public void OtherWords_AreNotCorrected(string asked) =>
        Assert.Null(spelling.Correct(Stem(asked)));

    [Fact]
    public void TheSameSwapOfACommonWord_IsCorrected()
    {
        // The control for the rare-word case above: the same kind of slip in a word of every passage is read as it.
        Assert.Equal(Stem("coredns"), spelling.Correct(Stem("coerdns")));
    }

    [Fact]
    public void AQuestionsMisspeltWords_AreSearchedAsTheWordsMeant_HyphenatedOnesToo()
    {
        var builder = new QueryBuilder(new SearchOptions(), parts.Layout.PassageCount, parts.Spread, spelling);

        var units = builder.Weigh(parts.Questions.Analyze("corendns cannot reach the kube-poxy rules"), parts.Scorer);

        Assert.True(units.Single(u => u.Unit.Text == "corendns").Known);
        Assert.Equal("kubeproxy", units.Single(u => u.Unit.Text == "kube-poxy").Unit.Term);
    }

    private string Stem(string word) => TextTokens.Of(parts.Analyzer, word).Single().Forms[^1];
}
