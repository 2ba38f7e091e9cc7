using CniBot.Knowledge;
using CniBot.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Caching.Memory;
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

    /// <summary>How many of Lucene's best sections are re-ranked by how much of the question they cover.</summary>
    private const int RerankDepth = 12;

    /// <summary>Weight of a question word that the knowledge base knows but a section lacks (see <see cref="Coverage"/>).</summary>
    private const double KnownElsewhereWeight = 0.5;

    private readonly FrozenMemoryDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly int[] ordinalByDoc;
    private readonly Dictionary<Language, int> sectionCounts;
    private readonly QuestionAnalyzer questions;
    private readonly CniAnalyzer indexAnalyzer = new(AnalysisRole.Index);
    private readonly SearchOptions options;

    /// <summary>Results of recent questions; bounded, and private to this snapshot of the knowledge.</summary>
    private readonly MemoryCache? answers;
    private int disposed;

    private LuceneKnowledgeIndex(KnowledgeBase knowledge, SearchOptions options, FrozenMemoryDirectory directory)
    {
        Knowledge = knowledge;
        this.options = options;
        answers = options.AnswerCacheEntries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.AnswerCacheEntries }) : null;
        this.directory = directory;
        reader = DirectoryReader.Open(directory);
        reader.AddReaderDisposedListener(new ReleaseOnClose(directory, indexAnalyzer));
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
        // Written in a RAMDirectory, then frozen into one array per file that searches read without locks.
        FrozenMemoryDirectory frozen;
        using (var directory = new RAMDirectory())
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

            frozen = FrozenMemoryDirectory.CopyOf(directory);
        }

        try
        {
            return new LuceneKnowledgeIndex(knowledge, options ?? new SearchOptions(), frozen);
        }
        catch
        {
            frozen.Dispose();
            throw;
        }
    }

    public SearchResult Search(string? question, int top = 3, int? snippetLength = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);

        // A reload may retire this index while the search runs: the reference keeps the reader open until it ends.
        ObjectDisposedException.ThrowIf(!reader.TryIncRef(), this);

        try
        {
            // Chat traffic repeats itself (the same question from many people, a channel retrying a delivery): the
            // result of a question is cached for this snapshot of the knowledge, and dropped with it on reload.
            var key = (Truncate(question ?? string.Empty), top, snippetLength ?? options.SnippetLength);
            if (answers is not null && answers.TryGetValue(key, out SearchResult? cached) && cached is not null)
            {
                return cached;
            }

            var result = SearchCore(question, top, snippetLength);
            answers?.Set(key, result, new MemoryCacheEntryOptions { Size = 1 });
            return result;
        }
        finally
        {
            reader.DecRef();
        }
    }

    private SearchResult SearchCore(string? question, int top, int? snippetLength)
    {
        var text = Truncate(question ?? string.Empty);
        var language = LanguageExtensions.Detect(text);
        var concepts = questions.Concepts(text);
        if (concepts.Count == 0)
        {
            return new SearchResult(text, language, Answered: false, Confidence: 0, [], []);
        }

        var terms = new TermLookup(reader);
        var query = BuildQuery(concepts, language, terms);
        var candidates = searcher.Search(query, Math.Max(RerankDepth, (top * 2) + 4)).ScoreDocs
            .Select(d => new Candidate(d.Doc, Knowledge.Sections[ordinalByDoc[d.Doc]], d.Score))
            .ToArray();
        var coverage = Coverage(concepts, candidates, terms);

        // BM25 has no coordination factor: a section that matches one word of the question many times can outscore
        // one that answers all of it. Re-ranking by score × coverage restores that balance; a section that is not
        // about anything asked (no concept in its heading or title) is a weaker answer still.
        var ranked = new List<(Candidate Candidate, double Coverage, bool Anchored)>();
        foreach (var (candidate, (covered, anchored)) in candidates.Zip(coverage).OrderByDescending(c => c.First.Score * c.Second.Coverage * (c.Second.Anchored ? 1 : 0.5)))
        {
            // The same section in the other language says the same thing: show it once.
            if (!ranked.Any(r => r.Candidate.Section.DocumentId == candidate.Section.DocumentId && r.Candidate.Section.Ordinal == candidate.Section.Ordinal))
            {
                ranked.Add((candidate, covered, anchored));
            }
        }

        if (ranked.Count == 0)
        {
            return new SearchResult(text, language, Answered: false, Confidence: 0, [], []);
        }

        var confidence = ranked[0].Coverage;
        if (confidence < options.MinConfidence || !ranked[0].Anchored)
        {
            var near = ranked.Select(r => Knowledge.FindDocument(r.Candidate.Section.DocumentId, language) ?? Knowledge.FindDocument(r.Candidate.Section.DocumentId, r.Candidate.Section.Language)!)
                .DistinctBy(d => d.Id).Take(3).ToArray();
            return new SearchResult(text, language, Answered: false, confidence, [], near);
        }

        var hits = ranked.Take(top).Select(r => new SearchHit(r.Candidate.Section, r.Candidate.Score * r.Coverage, Snippet(concepts, r.Candidate.Doc, r.Candidate.Section, snippetLength ?? options.SnippetLength))).ToArray();
        return new SearchResult(text, language, Answered: true, confidence, hits, []);
    }

    /// <summary>
    /// Why the best sections scored as they did: the concepts the question was cut into and Lucene's explanation
    /// of each hit's score. For maintainers tuning the knowledge or the glossary.
    /// </summary>
    public string Explain(string? question, int top = 3)
    {
        ObjectDisposedException.ThrowIf(!reader.TryIncRef(), this);

        try
        {
            return ExplainCore(question, top);
        }
        finally
        {
            reader.DecRef();
        }
    }

    private string ExplainCore(string? question, int top)
    {
        var text = Truncate(question ?? string.Empty);
        var language = LanguageExtensions.Detect(text);
        var concepts = questions.Concepts(text);
        var builder = new System.Text.StringBuilder();
        foreach (var concept in concepts)
        {
            builder.Append("concept '").Append(concept.Text).Append("': ")
                .AppendJoin(" | ", concept.Forms.Select(f => string.Join(' ', f.Positions.Select(p => string.Join('/', p)))))
                .AppendLine();
        }

        if (concepts.Count == 0)
        {
            return builder.ToString();
        }

        var terms = new TermLookup(reader);
        var query = BuildQuery(concepts, language, terms);
        foreach (var scoreDoc in searcher.Search(query, top).ScoreDocs)
        {
            var section = Knowledge.Sections[ordinalByDoc[scoreDoc.Doc]];
            var (coverage, anchored) = Coverage(concepts, [new Candidate(scoreDoc.Doc, section, scoreDoc.Score)], terms)[0];
            builder.AppendLine(System.FormattableString.Invariant($"--- {section.Citation} score {scoreDoc.Score:0.###} coverage {coverage:0.00}{(anchored ? string.Empty : " (no concept in its heading or title)")}"));
            builder.AppendLine(searcher.Explain(query, scoreDoc.Doc).ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// Retires the index: the reader closes, and the directory is released, once the searches still running on it
    /// have finished.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            answers?.Dispose();
            reader.DecRef();
        }
    }

    /// <summary>The index field of a content field in a language: <c>en.body</c>, <c>zh.title</c>, ...</summary>
    internal static string FieldName(Language language, string field) => (language, field) switch
    {
        // Asked for hundreds of times per search: constants, not a string built each time.
        (Language.En, BodyField) => "en." + BodyField,
        (Language.En, HeadingField) => "en." + HeadingField,
        (Language.En, TitleField) => "en." + TitleField,
        (Language.Zh, BodyField) => "zh." + BodyField,
        (Language.Zh, HeadingField) => "zh." + HeadingField,
        (Language.Zh, TitleField) => "zh." + TitleField,
        _ => $"{language.Code()}.{field}",
    };

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

        return
        [
            new Field(FieldName(section.Language, BodyField), section.PlainText, bodyType),
            new TextField(FieldName(section.Language, HeadingField), headings, Field.Store.NO),
            // Only the title: tags and plugins list everything a document mentions, and indexing them with every section
            // made every section of a broad document match every one of those words.
            new TextField(FieldName(section.Language, TitleField), document.Title, Field.Store.NO),
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

    private BooleanQuery BuildQuery(IReadOnlyList<Concept> concepts, Language questionLanguage, TermLookup terms)
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
                        // A phrase's IDF is the sum over its words; dividing by their number weighs it like one word.
                        var weight = languageWeight * fieldWeight * (form.Typed ? 1f : options.GlossaryWeight) / form.Positions.Length;
                        foreach (var part in FormQueries(name, form, terms))
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

    private static IEnumerable<Query> FormQueries(string field, ConceptForm form, TermLookup terms)
    {
        if (form.IsSingleTerm)
        {
            // The index holds every word both as written and stemmed, so the stem (the last alternative) alone
            // matches every inflection; querying the other form too would double the clauses, and each clause
            // costs Lucene its own postings buffers and norm cache. A term no section has in this field cannot
            // match: leave it out rather than make Lucene look.
            if (terms.Query(field, form.Positions[0][^1]) is { } query)
            {
                yield return query;
            }

            yield break;
        }

        foreach (var alternatives in form.Positions)
        {
            if (terms.Context(field, alternatives[^1]) is null)
            {
                yield break;
            }
        }

        // One term per position, the last alternative (the stem where there is one, which also matches inflected
        // forms): Lucene scores a phrase by the sum of its terms' IDFs, so every extra alternative would inflate it.
        // Stop words removed from a phrase leave gaps in positions: allow one.
        var phrase = new PhraseQuery { Slop = 1 };
        foreach (var alternatives in form.Positions)
        {
            phrase.Add(new Term(field, alternatives[^1]));
        }

        yield return phrase;
    }

    /// <summary>
    /// How much of what the question asks about each candidate section covers: the concepts it contains, each
    /// weighted by its inverse document frequency in the section's language, so that missing a rare, specific word
    /// costs more than missing a common one. A word the knowledge base has never seen ("sourdough", "PostgreSQL")
    /// keeps its full, highest weight: the question is about something CniBot does not know; so do a word that
    /// names a document's subject (it appears in a title: "Calico", "MTU") and a specific technical token
    /// (<c>m5.large</c>, <c>8472</c>). Any other word the knowledge knows but
    /// this section lacks ("生效", "write") counts half: such words are mostly the question's phrasing.
    /// A section is <c>Anchored</c> when at least one concept is in its heading or its document's title, or it
    /// contains a specific technical token of the question (<c>51871</c>, <c>vxlanMTU</c>): it is about something
    /// the question asks, rather than mentioning the question's words in passing.
    /// </summary>
    private (double Coverage, bool Anchored)[] Coverage(IReadOnlyList<Concept> concepts, IReadOnlyList<Candidate> candidates, TermLookup terms)
    {
        var result = new (double, bool)[candidates.Count];
        foreach (var group in candidates.Select((c, i) => (c.Doc, c.Section.Language, Index: i)).GroupBy(c => c.Language))
        {
            var language = group.Key;
            var docs = group.OrderBy(c => c.Doc).ToArray();
            var docIds = docs.Select(d => d.Doc).ToArray();
            var documentCount = sectionCounts.GetValueOrDefault(language);
            var covered = new double[docs.Length];
            var missing = new double[docs.Length];
            var anchored = new bool[docs.Length];
            var present = new bool[docs.Length];
            var presentInHeading = new bool[docs.Length];
            foreach (var concept in concepts)
            {
                var matched = new bool[docs.Length];
                var documentFrequency = 0;
                var known = false;
                var subject = false;
                var specific = MixedScriptTokenizer.IsSpecific(concept.Text);
                foreach (var form in concept.Forms)
                {
                    var formMatched = Enumerable.Repeat(true, docs.Length).ToArray();
                    var formInHeading = Enumerable.Repeat(true, docs.Length).ToArray();
                    var formFrequency = int.MaxValue;
                    var formKnown = true;
                    foreach (var alternatives in form.Positions)
                    {
                        Array.Clear(present);
                        Array.Clear(presentInHeading);
                        var positionFrequency = 0;
                        var positionKnown = false;
                        foreach (var term in alternatives)
                        {
                            positionFrequency = Math.Max(positionFrequency, DocumentFrequency(terms, language, term));
                            positionKnown |= positionFrequency > 0 || DocumentFrequency(terms, language.Other(), term) > 0;
                            subject |= form.Typed && (terms.DocumentFrequency(FieldName(Language.En, TitleField), term) > 0
                                || terms.DocumentFrequency(FieldName(Language.Zh, TitleField), term) > 0);
                            terms.MarkPresent(FieldName(language, BodyField), term, docIds, present);
                            terms.MarkPresent(FieldName(language, HeadingField), term, docIds, presentInHeading);
                            terms.MarkPresent(FieldName(language, TitleField), term, docIds, presentInHeading);
                        }

                        formFrequency = Math.Min(formFrequency, positionFrequency);
                        formKnown &= positionKnown;
                        for (var i = 0; i < docs.Length; i++)
                        {
                            formMatched[i] &= present[i] || presentInHeading[i];
                            formInHeading[i] &= presentInHeading[i];
                        }
                    }

                    documentFrequency = Math.Max(documentFrequency, formFrequency);
                    known |= formKnown;
                    for (var i = 0; i < docs.Length; i++)
                    {
                        matched[i] |= formMatched[i];
                        anchored[i] |= formInHeading[i] || (specific && formMatched[i]);
                    }
                }

                var weight = Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
                for (var i = 0; i < docs.Length; i++)
                {
                    if (matched[i])
                    {
                        covered[i] += weight;
                    }
                    else
                    {
                        missing[i] += known && !subject && !specific ? weight * KnownElsewhereWeight : weight;
                    }
                }
            }

            for (var i = 0; i < docs.Length; i++)
            {
                var total = covered[i] + missing[i];
                result[docs[i].Index] = (total <= 0 ? 0 : covered[i] / total, anchored[i]);
            }
        }

        return result;
    }

    private static int DocumentFrequency(TermLookup terms, Language language, string term)
    {
        var frequency = 0;
        foreach (var field in ContentFields)
        {
            frequency = Math.Max(frequency, terms.DocumentFrequency(FieldName(language, field), term));
        }

        return frequency;
    }

    /// <summary>
    /// The passage of the section with the most distinct concepts of the question, matches marked. The offsets come
    /// from the term vector stored at indexing time, so the section is not analyzed again.
    /// </summary>
    private string Snippet(IReadOnlyList<Concept> concepts, int doc, KnowledgeSection section, int length)
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

        return SnippetBuilder.Build(section.PlainText, matches, length);
    }

    private readonly record struct Candidate(int Doc, KnowledgeSection Section, float Score);

    private sealed class ReleaseOnClose(FrozenMemoryDirectory directory, CniAnalyzer analyzer) : IReaderDisposedListener
    {
        public void OnDispose(IndexReader reader)
        {
            directory.Dispose();
            analyzer.Dispose();
        }
    }
}
