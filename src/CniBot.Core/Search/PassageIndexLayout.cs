using CniBot.Knowledge;
using CniBot.Loading;
using Lucene.Net.Index;

namespace CniBot.Search;

/// <summary>
/// Where each section's passages sit in the index (a contiguous run of documents, in section order) and which
/// section is whose counterpart: what ranking and passage selection need to go from Lucene documents to sections.
/// </summary>
internal sealed class PassageIndexLayout
{
    private readonly int[] sectionOfDoc;
    private readonly int[] passageOfDoc;
    private readonly int[] firstDoc;
    private readonly int[] twins;

    private readonly HashSet<string> subjects;
    private readonly SectionTermSets sectionTerms;
    private readonly ulong[][] sectionSubjects;

    public PassageIndexLayout(KnowledgeBase knowledge, IndexReader reader, Func<string, IEnumerable<string>> analyze)
    {
        // What the documents say they are about (front matter tags, plugins, clouds), as analyzed terms and as written:
        // the stemmer cuts the tag "eks" to "ek", while a question's EKS is searched as written (QueryBuilder). A
        // compound tag (managed-kubernetes, global-service) names its subject only whole; its parts are everyday words.
        subjects = SubjectMatcher.DeclaredBy(knowledge)
            .Select(t => (Tag: t, Terms: analyze(t).ToArray()))
            .Where(t => t.Terms.Length == 1)
            .SelectMany(t => (string[])[t.Terms[0], t.Tag.ToLowerInvariant()])
            .ToHashSet(StringComparer.Ordinal);
        Knowledge = knowledge;
        sectionOfDoc = new int[reader.MaxDoc];
        passageOfDoc = new int[reader.MaxDoc];
        var sections = MultiDocValues.GetNumericValues(reader, IndexFields.Section);
        var passages = MultiDocValues.GetNumericValues(reader, IndexFields.Passage);
        firstDoc = new int[knowledge.Sections.Count + 1];
        Array.Fill(firstDoc, -1);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            sectionOfDoc[doc] = (int)sections.Get(doc);
            passageOfDoc[doc] = (int)passages.Get(doc);
            if (firstDoc[sectionOfDoc[doc]] < 0)
            {
                firstDoc[sectionOfDoc[doc]] = doc;
            }
        }

        firstDoc[^1] = reader.MaxDoc;
        for (var i = firstDoc.Length - 2; i >= 0; i--)
        {
            if (firstDoc[i] < 0)
            {
                firstDoc[i] = firstDoc[i + 1];
            }
        }

        var index = new Dictionary<KnowledgeSection, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < knowledge.Sections.Count; i++)
        {
            index[knowledge.Sections[i]] = i;
        }

        twins = knowledge.Sections.Select(s => knowledge.Counterpart(s) is { } other && index.TryGetValue(other, out var i) ? i : -1).ToArray();
        PassageCount = reader.MaxDoc;
        sectionTerms = new SectionTermSets(sectionOfDoc, knowledge.Sections.Count);
        Subjects = SubjectMatcher.For(knowledge);
        sectionSubjects = knowledge.Sections
            .Select(s => Subjects.Find($"{s.DocumentTitle} / {string.Join(" / ", s.HeadingPath)} {s.PlainText}"))
            .ToArray();
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>Whether concept <paramref name="concept"/> (a glossary group) is one of everyday words
    /// (<see cref="GlossaryGroup.Everyday"/>): it is searched, but anchors nothing.</summary>
    public bool IsEveryday(int concept) =>
        (uint)concept < (uint)Knowledge.Glossary.Groups.Count && Knowledge.Glossary.Groups[concept].Everyday;

    /// <summary>Whether a term names something a document declares as its subject (a tag, plugin or cloud).</summary>
    public bool IsSubject(string term) => subjects.Contains(term);

    /// <summary>Finds the documents' declared subjects in a text.</summary>
    public SubjectMatcher Subjects { get; }

    /// <summary>The share of the subjects a question names (<see cref="SubjectMatcher.Find"/>) that the section's
    /// document title, heading path or text names.</summary>
    public double SubjectShare(int section, ulong[] asked) => SubjectMatcher.Share(asked, sectionSubjects[section]);

    /// <summary>The number of indexed passages.</summary>
    public int PassageCount { get; }

    public int SectionOf(int doc) => sectionOfDoc[doc];

    /// <summary>Every passage's section, by passage number.</summary>
    internal ReadOnlySpan<int> SectionsOfDocs => sectionOfDoc;

    public int PassageOf(int doc) => passageOfDoc[doc];

    /// <summary>The documents of a section's passages: [start, end).</summary>
    public (int Start, int End) Documents(int section) => (firstDoc[section], firstDoc[section + 1]);

    /// <summary>The same section in the other language, or -1.</summary>
    public int Twin(int section) => twins[section];

    /// <summary>One number for a section and its counterpart (the lower of the two): they say the same thing.</summary>
    public int TwinKey(int section) => twins[section] >= 0 ? Math.Min(section, twins[section]) : section;

    /// <summary>The section in <paramref name="language"/> when it has a counterpart there, else itself.</summary>
    public int InLanguage(int section, Language language) =>
        Knowledge.Sections[section].Language == language || twins[section] < 0 ? section : twins[section];

    /// <summary>Whether any passage of the section, its heading or its document's title holds the unit.</summary>
    public bool Contains(int section, QueryUnit unit, TermLookup terms) => sectionTerms.Holds(section, unit, headingOnly: false, terms);

    /// <summary>Whether the section's heading path or its document's title holds the unit.</summary>
    public bool HeadingContains(int section, QueryUnit unit, TermLookup terms) => sectionTerms.Holds(section, unit, headingOnly: true, terms);

    /// <summary>Whether one passage's own text (not its heading) holds the unit.</summary>
    public static bool PassageContains(int doc, QueryUnit unit, PassageScorer postings, Language language) =>
        postings.Has(unit.IsConcept ? IndexFields.ConceptText : IndexFields.Text(language), unit.Term, doc);
}
