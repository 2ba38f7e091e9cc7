using CniBot.Knowledge;
using CniBot.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace CniBot.Search;

/// <summary>
/// An in-memory Lucene index of one knowledge snapshot. Built once, then only read: searches run concurrently on
/// one <see cref="IndexSearcher"/>; a reload builds a new index and swaps it in (the old one keeps serving the
/// questions already under way).
/// </summary>
public sealed class LuceneKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    /// <summary>Questions are cut here: the topic of a question is in its first lines, and a bound keeps a
    /// 10,000-character paste from costing more than an ordinary question.</summary>
    internal const int MaxQuestionLength = 1000;

    private const string BodyField = "body";
    private const string HeadingField = "heading";
    private const string TitleField = "title";
    private const string OrdinalField = "ord";
    private static readonly string[] ContentFields = [BodyField, HeadingField, TitleField];

    private readonly RAMDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly int[] ordinalByDoc;
    private readonly Dictionary<Language, int> sectionCounts;
    private readonly QuestionAnalyzer questions;
    private readonly CniAnalyzer indexAnalyzer = new(AnalysisRole.Index);
    private readonly SearchOptions options;

    private LuceneKnowledgeIndex(KnowledgeBase knowledge, SearchOptions options, RAMDirectory directory)
    {
        Knowledge = knowledge;
        this.options = options;
        this.directory = directory;
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = Similarity };
        ordinalByDoc = new int[reader.MaxDoc];
        var ordinals = MultiDocValues.GetNumericValues(reader, OrdinalField);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            ordinalByDoc[doc] = (int)ordinals.Get(doc);
        }

        sectionCounts = knowledge.Sections.GroupBy(s => s.Language).ToDictionary(g => g.Key, g => g.Count());
        questions = new QuestionAnalyzer(new CniAnalyzer(AnalysisRole.Query), knowledge.Glossary);
    }

    public KnowledgeBase Knowledge { get; }

    private static BM25Similarity Similarity { get; } = new();

    /// <summary>Indexes every section of <paramref name="knowledge"/>; sections are analyzed in parallel.</summary>
    public static LuceneKnowledgeIndex Build(KnowledgeBase knowledge, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var directory = new RAMDirectory();
        try
        {
            using (var analyzer = new CniAnalyzer(AnalysisRole.Index))
            {
                var config = new IndexWriterConfig(CniAnalyzer.Version, analyzer)
                {
                    OpenMode = OpenMode.CREATE,
                    Similarity = Similarity,
                    RAMBufferSizeMB = 64,
                };
                using var writer = new IndexWriter(directory, config);
                var sections = knowledge.Sections;
                var byDocument = knowledge.Documents.ToDictionary(d => (d.Language, d.Id));
                Parallel.For(0, sections.Count, i => writer.AddDocument(ToLucene(sections[i], i, byDocument[(sections[i].Language, sections[i].DocumentId)])));
                writer.ForceMerge(1);
                writer.Commit();
            }

            return new LuceneKnowledgeIndex(knowledge, options ?? new SearchOptions(), directory);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public SearchResult Search(string? question, int top = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var text = Truncate(question ?? string.Empty);
        var language = LanguageExtensions.Detect(text);
        var concepts = questions.Concepts(text);
        if (concepts.Count == 0)
        {
            return new SearchResult(text, language, Answered: false, Confidence: 0, [], []);
        }

        var query = BuildQuery(concepts, language);
        var topDocs = searcher.Search(query, (top * 2) + 4);
        var ranked = new List<(int Doc, KnowledgeSection Section, float Score)>();
        foreach (var scoreDoc in topDocs.ScoreDocs)
        {
            var section = Knowledge.Sections[ordinalByDoc[scoreDoc.Doc]];
            // The same section in the other language says the same thing: show it once.
            if (ranked.Any(r => r.Section.DocumentId == section.DocumentId && r.Section.Ordinal == section.Ordinal))
            {
                continue;
            }

            ranked.Add((scoreDoc.Doc, section, scoreDoc.Score));
        }

        if (ranked.Count == 0)
        {
            return new SearchResult(text, language, Answered: false, Confidence: 0, [], []);
        }

        var confidence = Confidence(concepts, ranked[0].Doc, ranked[0].Section.Language);
        if (confidence < options.MinConfidence)
        {
            var near = ranked.Select(r => Knowledge.FindDocument(r.Section.DocumentId, language) ?? Knowledge.FindDocument(r.Section.DocumentId, r.Section.Language)!)
                .DistinctBy(d => d.Id).Take(3).ToArray();
            return new SearchResult(text, language, Answered: false, confidence, [], near);
        }

        var hits = ranked.Take(top).Select(r => new SearchHit(r.Section, r.Score, Snippet(concepts, r.Doc, r.Section))).ToArray();
        return new SearchResult(text, language, Answered: true, confidence, hits, []);
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        indexAnalyzer.Dispose();
    }

    internal static string FieldName(Language language, string field) => $"{language.Code()}.{field}";

    private static LuceneDocument ToLucene(KnowledgeSection section, int ordinal, KnowledgeDocument document)
    {
        // Term vectors with offsets let snippets mark matches without analyzing the section again.
        var bodyType = new FieldType(TextField.TYPE_NOT_STORED)
        {
            StoreTermVectors = true,
            StoreTermVectorPositions = true,
            StoreTermVectorOffsets = true,
        };
        bodyType.Freeze();
        // The title field already carries the document's title; a document's opening section (its H1, or text before
        // any heading) repeating it as a heading would make every introduction outrank the section that answers.
        var headings = section.Level <= 1 ? string.Empty : string.Join(" \n ", section.HeadingPath.Skip(1));
        var descriptors = string.Join(" \n ", new[] { document.Title }.Concat(document.Tags).Concat(document.Plugins));
        return
        [
            new Field(FieldName(section.Language, BodyField), section.PlainText, bodyType),
            new TextField(FieldName(section.Language, HeadingField), headings, Field.Store.NO),
            new TextField(FieldName(section.Language, TitleField), descriptors, Field.Store.NO),
            new NumericDocValuesField(OrdinalField, ordinal),
        ];
    }

    private static string Truncate(string question)
    {
        if (question.Length <= MaxQuestionLength)
        {
            return question;
        }

        var cut = MaxQuestionLength;
        if (char.IsHighSurrogate(question[cut - 1]))
        {
            cut--;
        }

        return question[..cut];
    }

    private BooleanQuery BuildQuery(IReadOnlyList<Concept> concepts, Language questionLanguage)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var concept in concepts)
        {
            var alternatives = new DisjunctionMaxQuery(0.1f);
            foreach (var language in (Language[])[Language.En, Language.Zh])
            {
                var languageWeight = language == questionLanguage ? 1f : options.OtherLanguageWeight;
                foreach (var (field, fieldWeight) in new[] { (BodyField, 1f), (HeadingField, options.HeadingBoost), (TitleField, options.TitleBoost) })
                {
                    var name = FieldName(language, field);
                    foreach (var form in concept.Forms)
                    {
                        var weight = languageWeight * fieldWeight * (form.Typed ? 1f : options.GlossaryWeight);
                        foreach (var part in FormQueries(name, form))
                        {
                            part.Boost = weight;
                            alternatives.Add(part);
                        }
                    }
                }
            }

            query.Add(alternatives, Occur.SHOULD);
        }

        return query;
    }

    private static IEnumerable<Query> FormQueries(string field, ConceptForm form)
    {
        if (form.IsSingleTerm)
        {
            foreach (var term in form.Positions[0])
            {
                yield return new TermQuery(new Term(field, term));
            }

            yield break;
        }

        // Stop words removed from a phrase leave gaps in positions: allow one.
        var phrase = new MultiPhraseQuery { Slop = 1 };
        foreach (var alternatives in form.Positions)
        {
            phrase.Add(alternatives.Select(t => new Term(field, t)).ToArray());
        }

        yield return phrase;
    }

    /// <summary>
    /// How much of what the question asks about the best section covers: the concepts it contains, each weighted
    /// by its inverse document frequency in that section's language, so that missing a rare, specific word
    /// ("sourdough") costs more than missing a common one ("network"). A word no document contains gets the
    /// highest weight of all: the question is about something the knowledge does not know.
    /// </summary>
    private double Confidence(IReadOnlyList<Concept> concepts, int doc, Language language)
    {
        var documentCount = sectionCounts.GetValueOrDefault(language);
        double covered = 0, total = 0;
        foreach (var concept in concepts)
        {
            var documentFrequency = 0;
            var matched = false;
            foreach (var form in concept.Forms)
            {
                documentFrequency = Math.Max(documentFrequency, form.Positions.Min(p => p.Max(t => DocumentFrequency(language, t))));
                matched |= form.Positions.All(p => p.Any(t => Contains(doc, language, t)));
            }

            var weight = Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
            total += weight;
            covered += matched ? weight : 0;
        }

        return total <= 0 ? 0 : covered / total;
    }

    private int DocumentFrequency(Language language, string term) =>
        ContentFields.Max(f => reader.DocFreq(new Term(FieldName(language, f), term)));

    private bool Contains(int doc, Language language, string term)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var bytes = new BytesRef(term);
        foreach (var field in ContentFields)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(FieldName(language, field), bytes));
            if (docs is not null && docs.Advance(local) == local)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The passage of the section with the most distinct concepts of the question, matches marked. The offsets come
    /// from the term vector stored at indexing time, so the section is not analyzed again.
    /// </summary>
    private string Snippet(IReadOnlyList<Concept> concepts, int doc, KnowledgeSection section)
    {
        var conceptOfTerm = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < concepts.Count; i++)
        {
            foreach (var term in concepts[i].Forms.SelectMany(f => f.Positions).SelectMany(p => p))
            {
                conceptOfTerm.TryAdd(term, i);
            }
        }

        var matches = new List<SnippetBuilder.Match>();
        var terms = reader.GetTermVector(doc, FieldName(section.Language, BodyField))?.GetEnumerator();
        while (terms is not null && terms.MoveNext())
        {
            if (!conceptOfTerm.TryGetValue(terms.Term.Utf8ToString(), out var concept))
            {
                continue;
            }

            var positions = terms.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.NextDoc() == DocIdSetIterator.NO_MORE_DOCS)
            {
                continue;
            }

            for (var i = 0; i < positions.Freq; i++)
            {
                positions.NextPosition();
                matches.Add(new SnippetBuilder.Match(positions.StartOffset, positions.EndOffset, concept));
            }
        }

        return SnippetBuilder.Build(section.PlainText, matches, options.SnippetLength);
    }
}
