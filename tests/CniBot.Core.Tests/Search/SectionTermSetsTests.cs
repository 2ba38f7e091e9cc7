using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using Lucene.Net.Index;

namespace CniBot.Tests.Search;

public sealed class SectionTermSetsTests : IDisposable
{
    private static readonly string[] HeadingFields = [IndexFields.EnHeading, IndexFields.EnTitle, IndexFields.ZhHeading, IndexFields.ZhTitle];

    private readonly PassageIndexParts index = new(KnowledgeLoader.Load(TestFiles.Path("Corpus")));
    private readonly KnowledgeBase knowledge;
    private readonly DirectoryReader reader;
    private readonly PassageIndexLayout layout;
    private readonly QuestionAnalyzer questions;

    public SectionTermSetsTests()
    {
        knowledge = index.Knowledge;
        reader = index.Reader;
        layout = index.Layout;
        questions = index.Questions;
    }

    [Theory]
    [InlineData("Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?")]
    [InlineData("Cilium WireGuard 51871 端口 加密 节点")]
    [InlineData("DNS lookups take 5 seconds, conntrack races, ndots")]
    public void Holds_AgreesWithAPostingsSeekPerSectionAndField_ForEverySection(string question)
    {
        var sets = new SectionTermSets(SectionOfEachDoc(), knowledge.Sections.Count);
        var terms = new TermLookup(reader);
        var units = questions.Analyze(question).Units;
        Assert.NotEmpty(units);

        var held = 0;
        foreach (var unit in units)
        {
            for (var section = 0; section < knowledge.Sections.Count; section++)
            {
                var (start, end) = layout.Documents(section);
                var anywhere = Fields(unit, headingOnly: false).Any(f => LucenePostings.AnyInRange(reader, f, unit.Term, start, end));
                var inHeading = Fields(unit, headingOnly: true).Any(f => LucenePostings.AnyInRange(reader, f, unit.Term, start, end));

                Assert.Equal(anywhere, sets.Holds(section, unit, headingOnly: false, terms));
                Assert.Equal(inHeading, sets.Holds(section, unit, headingOnly: true, terms));
                held += anywhere ? 1 : 0;
            }
        }

        Assert.True(held > 0, "the corpus should hold some of the question's units");
    }

    [Fact]
    public void Holds_BeyondTheMemoryBudget_StillAnswers_ButKeepsNothing()
    {
        var unbounded = new SectionTermSets(SectionOfEachDoc(), knowledge.Sections.Count);
        var none = new SectionTermSets(SectionOfEachDoc(), knowledge.Sections.Count, memoryBudget: 0);
        var terms = new TermLookup(reader);
        var units = questions.Analyze("Calico VXLAN MTU on Azure, WireGuard port").Units;

        foreach (var unit in units)
        {
            for (var section = 0; section < knowledge.Sections.Count; section++)
            {
                Assert.Equal(unbounded.Holds(section, unit, headingOnly: false, terms), none.Holds(section, unit, headingOnly: false, terms));
            }
        }

        Assert.Equal(units.Select(u => (u.IsConcept, u.Term)).Distinct().Count(), unbounded.Count);
        Assert.Equal(0, none.Count);
    }

    public void Dispose() => index.Dispose();

    private static string[] Fields(QueryUnit unit, bool headingOnly) => (unit.IsConcept, headingOnly) switch
    {
        (true, false) => [IndexFields.ConceptText, IndexFields.ConceptHeading],
        (true, true) => [IndexFields.ConceptHeading],
        (false, false) => IndexFields.WordFields,
        (false, true) => HeadingFields,
    };

    private int[] SectionOfEachDoc() => Enumerable.Range(0, reader.MaxDoc).Select(layout.SectionOf).ToArray();
}
