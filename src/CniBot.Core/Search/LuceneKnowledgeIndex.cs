using System.Globalization;
using System.Text;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Caching.Memory;

namespace CniBot.Search;

/// <summary>
/// An in-memory Lucene index of one knowledge snapshot, built once and then only read: searches run concurrently on
/// one <see cref="IndexSearcher"/>; a reload builds a new index and swaps it in (the old one keeps serving the
/// questions already under way). The work is done by named parts, in this order: <see cref="PassageIndexWriter"/>
/// (passages and concept tokens), <see cref="QuestionAnalyzer"/> (the question's units), <see cref="QueryBuilder"/>
/// (one clause per unit), <see cref="PassageScorer"/> (BM25 over the postings, as Lucene scores the same query),
/// <see cref="SectionRanker"/> (sections from their best passages, with a confidence, and
/// <see cref="SectionWordScorer"/>'s plain second opinion on the candidates) and
/// <see cref="PassageSelector"/> (the passage to show, its distinctive words marked).
/// </summary>
public sealed class LuceneKnowledgeIndex : IKnowledgeIndex, IDisposable
{
    /// <summary>Questions are cut here: a bound keeps a 10,000-character paste from costing more than an ordinary
    /// question, and a question's point is in its first thousand characters.</summary>
    internal const int MaxQuestionLength = 1000;

    private readonly FrozenMemoryDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly PassageIndexLayout layout;
    private readonly QuestionAnalyzer questions;
    private readonly QueryBuilder queries;
    private readonly PassageScorer scorer;
    private readonly SectionRanker ranker;
    private readonly PassageSelector passages;
    private readonly CniAnalyzer queryAnalyzer;
    private readonly SearchOptions options;
    private readonly TermContextCache termContexts = new();

    /// <summary>Results of recent questions; bounded, and private to this snapshot of the knowledge.</summary>
    private readonly MemoryCache? cache;
    private int disposed;

    private LuceneKnowledgeIndex(KnowledgeBase knowledge, SearchOptions options, FrozenMemoryDirectory directory, CniAnalyzer queryAnalyzer, GlossaryMatcher glossary, SectionWordScorer words)
    {
        Knowledge = knowledge;
        this.options = options;
        this.directory = directory;
        this.queryAnalyzer = queryAnalyzer;
        cache = options.AnswerCacheEntries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.AnswerCacheEntries }) : null;
        reader = DirectoryReader.Open(directory);
        reader.AddReaderDisposedListener(new ReleaseOnClose(directory, queryAnalyzer, words));
        searcher = new IndexSearcher(reader) { Similarity = PassageIndexWriter.Similarity };
        layout = new PassageIndexLayout(knowledge, reader, text => TextTokens.Of(queryAnalyzer, text).Select(t => t.Forms[^1]));
        questions = QuestionAnalyzer.For(knowledge, queryAnalyzer, glossary, layout.Subjects);
        scorer = new PassageScorer(reader, PassageIndexWriter.Similarity, IndexFields.Searched);
        queries = new QueryBuilder(options, layout.PassageCount, new TermSpread(layout, scorer), new Misspellings(scorer, IndexFields.WordFields));
        ranker = new SectionRanker(layout, scorer, words, options);
        passages = new PassageSelector(layout, scorer, queryAnalyzer, glossary);
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>Indexes every passage of <paramref name="knowledge"/>.</summary>
    public static LuceneKnowledgeIndex Build(KnowledgeBase knowledge, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var analyzer = new CniAnalyzer(AnalysisRole.Query);
        FrozenMemoryDirectory? frozen = null;
        SectionWordScorer? words = null;
        try
        {
            var glossary = new GlossaryMatcher(knowledge.Glossary, term => TextTokens.Of(analyzer, term));
            frozen = PassageIndexWriter.Write(knowledge, glossary);
            words = new SectionWordScorer(knowledge.Sections);
            return new LuceneKnowledgeIndex(knowledge, options ?? new SearchOptions(), frozen, analyzer, glossary, words);
        }
        catch
        {
            frozen?.Dispose();
            words?.Dispose();
            analyzer.Dispose();
            throw;
        }
    }

    public SearchResult Search(string? question, int top = 3, int answers = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(answers);
        answers = Math.Min(answers, top);

        // A reload may retire this index while the search runs: the reference keeps the reader open until it ends.
        ObjectDisposedException.ThrowIf(!reader.TryIncRef(), this);

        try
        {
            // Chat traffic repeats itself (the same question from many people, a channel retrying a delivery): the
            // result of a question is cached for this snapshot of the knowledge, and dropped with it on reload.
            var text = Truncate(question ?? string.Empty);
            var key = (text, top, answers);
            if (cache is not null && cache.TryGetValue(key, out SearchResult? cached) && cached is not null)
            {
                return cached;
            }

            var result = SearchCore(text, top, answers);
            cache?.Set(key, result, new MemoryCacheEntryOptions { Size = 1 });
            return result;
        }
        finally
        {
            reader.DecRef();
        }
    }

    /// <summary>A question analysed, weighed and turned into clauses, with the term lookup its ranking reads.</summary>
    private readonly record struct Prepared(AnalyzedQuestion Question, TermLookup Terms, List<WeightedUnit> Units, List<QueryClause> Clauses);

    /// <summary>
    /// The steps every search shares: analysis, weights and clauses. Document frequencies come from the passage
    /// scorer, or, when <paramref name="lucene"/> is given (explain, whose scores Lucene itself explains), from Lucene's
    /// index through it; a test holds the two to the same numbers.
    /// </summary>
    private Prepared Prepare(string text, TermLookup? lucene = null)
    {
        var question = questions.Analyze(text);
        var terms = lucene ?? new TermLookup(reader, termContexts);
        IDocumentFrequencies frequencies = lucene is null ? scorer : lucene;
        var units = queries.Weigh(question, frequencies);
        return new Prepared(question, terms, units, queries.Clauses(question, units, frequencies));
    }

    private SearchResult SearchCore(string text, int top, int answers)
    {
        var (question, terms, units, query) = Prepare(text);
        if (query.Count == 0 && question.MessageSections.Count == 0)
        {
            return new SearchResult(text, question.Language, Answered: false, Confidence: 0, [], []);
        }

        var ranked = ranker.Rank(query, question, units, terms, Math.Max(top, 3));
        if (ranked.Count == 0)
        {
            return new SearchResult(text, question.Language, Answered: false, Confidence: 0, [], []);
        }

        // The answer/no-answer decision is this one comparison, which the evaluation relies on (it scores every
        // threshold from one run).
        var confidence = ranked[0].Confidence;
        if (confidence < options.Thresholds.For(question.Language))
        {
            var near = ranked.Select(r => Knowledge.FindDocument(r.Section.DocumentId, question.Language) ?? Knowledge.FindDocument(r.Section.DocumentId, r.Section.Language)!)
                .DistinctBy(d => d.Id).Take(3).ToArray();
            return new SearchResult(text, question.Language, Answered: false, confidence, [], near);
        }

        var hits = ranked.Take(top).Select((r, i) =>
        {
            var answer = i < answers ? passages.Select(r, units, terms) : [];
            return new SearchHit(r.Section, r.Score, answer.Count > 0 ? string.Join(" ", answer.Select(a => a.Snippet())) : Cut(r.Section.PlainText), answer);
        }).ToArray();
        return new SearchResult(text, question.Language, Answered: true, confidence, hits, []);
    }

    /// <summary>
    /// Every candidate section re-ranking weighed for <paramref name="question"/> (the section shown, by its index in
    /// the knowledge) with its features, in search-score order: what the re-ranking weights are fitted on
    /// (<see cref="RerankFeatures"/>).
    /// </summary>
    internal List<(int Section, RerankFeatures Features)> RerankCandidates(string question)
    {
        ObjectDisposedException.ThrowIf(!reader.TryIncRef(), this);
        try
        {
            var (analyzed, terms, units, clauses) = Prepare(Truncate(question));
            var features = new List<(int Section, RerankFeatures Features)>();
            ranker.Rank(clauses, analyzed, units, terms, 3, features);
            return features;
        }
        finally
        {
            reader.DecRef();
        }
    }

    /// <summary>
    /// Why the best sections scored as they did: the question's units with their weights, whether each best section
    /// holds them, and Lucene's explanation of each section's best passage. For maintainers tuning the knowledge.
    /// </summary>
    public string Explain(string? question, int top = 3)
    {
        ObjectDisposedException.ThrowIf(!reader.TryIncRef(), this);
        try
        {
            var text = Truncate(question ?? string.Empty);
            var (analyzed, terms, units, clauses) = Prepare(text, new TermLookup(reader, termContexts));
            var query = QueryBuilder.ToLucene(clauses, terms);
            var builder = new StringBuilder();
            foreach (var unit in units)
            {
                builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(unit.Unit.IsConcept ? "concept" : "word")} '{unit.Unit.Text}' ({unit.Unit.Term}): salience {unit.Unit.Salience:0.00}, idf {unit.Idf:0.00}{(unit.Known ? string.Empty : " (unknown to the knowledge)")}, weight {unit.Weight:0.00}"));
            }

            foreach (var message in analyzed.MessageSections)
            {
                builder.Append("quotes a known message of ").AppendLine(Knowledge.Sections[message].Citation);
            }

            if (analyzed.AsksOutside)
            {
                builder.Append("opens with a neighbouring field (glossary, outside): ").AppendJoin(", ", analyzed.OutsideTerms!)
                    .Append(analyzed.OutsideInTitle ? " (in its title: only the title ties it to a section)" : string.Empty).AppendLine();
            }
            else if (analyzed.OutsideInBody)
            {
                builder.AppendLine("names a neighbouring field (glossary, outside) only below its opening, and no subject of the knowledge in it: nothing anchors it");
            }

            if (query.Clauses.Count > 0 || analyzed.MessageSections.Count > 0)
            {
                foreach (var ranked in ranker.Rank(clauses, analyzed, units, terms, top))
                {
                    builder.AppendLine(string.Create(CultureInfo.InvariantCulture, $"--- {ranked.Section.Citation} score {ranked.Score:0.###} confidence {ranked.Confidence:0.00}"));
                    var (start, end) = layout.Documents(ranked.SectionIndex);
                    builder.Append("    holds: ").AppendJoin(", ", units.Where(u => u.Known && layout.Contains(ranked.SectionIndex, u.Unit, terms)).Select(u => u.Unit.Text)).AppendLine();
                    var anchor = ranker.Anchor(units, ranked.SectionIndex, terms, analyzed);
                    var quoted = ranker.Quotes(analyzed.MessageSections, ranked.SectionIndex);
                    builder.AppendLine(
                        quoted ? string.Create(CultureInfo.InvariantCulture, $"    anchored by a known message it explains, quoted: confidence at least {SectionRanker.MessageConfidence:0.00}")
                        : anchor is null ? string.Create(CultureInfo.InvariantCulture, $"    anchored by nothing specific: confidence cut to {SectionRanker.UnanchoredShare:P0}")
                        : $"    anchored by '{anchor.Text}'{(anchor.IsConcept ? " (concept)" : anchor.Specific ? " (specific)" : " (subject)")}");
                    if (ranked.PlainBest)
                    {
                        builder.AppendLine(QueryBuilder.LongerThanHeading(text)
                            ? string.Create(CultureInfo.InvariantCulture, $"    also the plain second opinion's best section: confidence x {SectionRanker.AgreementBoost} (a question over {QueryBuilder.HeadingLength} characters)")
                            : "    also the plain second opinion's best section (a short question: confidence unchanged)");
                    }

                    if (ranked.BestPassage >= 0 && start + ranked.BestPassage < end)
                    {
                        builder.AppendLine(searcher.Explain(query, start + ranked.BestPassage).ToString());
                    }
                }
            }

            return builder.ToString();
        }
        finally
        {
            reader.DecRef();
        }
    }

    /// <summary>
    /// Retires the index: the reader closes, and the directory is released, once the searches still running on it
    /// have finished.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            cache?.Dispose();
            reader.DecRef();
        }
    }

    private static string Truncate(string question) => UserText.Bound(question, MaxQuestionLength);

    private static string Cut(string text) => UserText.Fit(text, 241);

    private sealed class ReleaseOnClose(FrozenMemoryDirectory directory, CniAnalyzer analyzer, SectionWordScorer words) : IReaderDisposedListener
    {
        public void OnDispose(IndexReader reader)
        {
            directory.Dispose();
            analyzer.Dispose();
            words.Dispose();
        }
    }
}
