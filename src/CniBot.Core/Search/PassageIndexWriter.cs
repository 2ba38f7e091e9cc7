using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace CniBot.Search;

/// <summary>
/// Writes the passage index of a knowledge snapshot: one Lucene document per passage (paragraph, list item, table
/// row, code block), carrying its section's heading path and its document's title, and the glossary concepts found
/// in each. A section without passages (only HTML, say) is indexed as one passage of its plain text.
/// </summary>
internal static class PassageIndexWriter
{
    public static BM25Similarity Similarity { get; } = new();

    public static FrozenMemoryDirectory Write(KnowledgeBase knowledge, GlossaryMatcher glossary)
    {
        var sections = knowledge.Sections;
        var byDocument = knowledge.Documents.ToDictionary(d => (d.Language, d.Id));

        // Concepts are read as a question's are (the query chain), words as the index keeps them; both segment the
        // same Chinese, and every passage repeats its heading path and title: each Han run is segmented once.
        var segmentations = new HanSegmentations();
        using var conceptAnalyzer = new CniAnalyzer(AnalysisRole.Query, segmentations);

        // Documents are prepared in parallel (analysis for concepts is the costly part) but added in section order,
        // so that equal scores always rank the same way.
        var prepared = new LuceneDocument[sections.Count][];
        Parallel.For(0, sections.Count, i => prepared[i] = Documents(sections[i], i, byDocument[(sections[i].Language, sections[i].DocumentId)], glossary, conceptAnalyzer));

        using var directory = new RAMDirectory();
        using (var analyzer = new PerFieldAnalyzerWrapper(
            new CniAnalyzer(AnalysisRole.Index, segmentations),
            new Dictionary<string, Analyzer> { [IndexFields.ConceptText] = new WhitespaceAnalyzer(CniAnalyzer.Version), [IndexFields.ConceptHeading] = new WhitespaceAnalyzer(CniAnalyzer.Version) }))
        {
            var config = new IndexWriterConfig(CniAnalyzer.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = Similarity,
                RAMBufferSizeMB = 64,
            };
            using var writer = new IndexWriter(directory, config);
            foreach (var documents in prepared)
            {
                foreach (var document in documents)
                {
                    writer.AddDocument(document);
                }
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        return FrozenMemoryDirectory.CopyOf(directory);
    }

    /// <summary>The concept tokens of a text, one per occurrence, space-separated: <c>c3 c12 c3</c>.</summary>
    internal static string ConceptTokens(string text, GlossaryMatcher glossary, Analyzer analyzer)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var matches = glossary.Matches(text, TextTokens.Of(analyzer, text));
        return string.Join(' ', matches.Select(m => IndexFields.Concept(m.Group)));
    }

    private static LuceneDocument[] Documents(KnowledgeSection section, int ordinal, KnowledgeDocument document, GlossaryMatcher glossary, Analyzer analyzer)
    {
        // The title field already carries the document's title; a document's opening section (its H1, or text before
        // any heading) repeating it as a heading would make every introduction outrank the section that answers.
        var headings = section.Level <= 1 ? string.Empty : string.Join(" \n ", section.HeadingPath.Skip(1));
        var headingConcepts = ConceptTokens(headings + " \n " + document.Title, glossary, analyzer);
        var passages = section.Passages.Count > 0
            ? section.Passages.Select(p => (p.Ordinal, p.Text)).ToArray()
            : [(-1, section.PlainText)];

        return passages.Select(p => new LuceneDocument
        {
            new TextField(IndexFields.Text(section.Language), p.Text, Field.Store.NO),
            new TextField(IndexFields.Heading(section.Language), headings, Field.Store.NO),
            new TextField(IndexFields.Title(section.Language), document.Title, Field.Store.NO),
            new TextField(IndexFields.ConceptText, ConceptTokens(p.Text, glossary, analyzer), Field.Store.NO),
            new TextField(IndexFields.ConceptHeading, headingConcepts, Field.Store.NO),
            new NumericDocValuesField(IndexFields.Section, ordinal),
            new NumericDocValuesField(IndexFields.Passage, p.Ordinal),
        }).ToArray();
    }
}
