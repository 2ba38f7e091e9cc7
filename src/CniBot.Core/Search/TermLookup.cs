using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace CniBot.Search;

/// <summary>
/// Term statistics and postings for one search. Each (field, term) is sought once, on one reused TermsEnum per field
/// and segment, and the resulting <see cref="TermContext"/> is handed to the TermQuery so Lucene does not seek again;
/// with a <see cref="TermContextCache"/>, once for all the searches of the index.
/// </summary>
/// <remarks>
/// A question becomes hundreds of lookups (concepts × synonyms × stem alternatives × fields); creating a TermsEnum
/// for each, as IndexReader.DocFreq and MultiFields do, allocated megabytes per search.
/// </remarks>
internal sealed class TermLookup(IndexReader reader, TermContextCache? shared = null) : IDocumentFrequencies
{
    private readonly IList<AtomicReaderContext> leaves = reader.Leaves;
    private readonly Dictionary<(string Field, string Term), TermContext?> contexts = [];
    private readonly Dictionary<(string Field, int Leaf), TermsEnum?> enums = [];

    // Lucene reuses a DocsEnum only for the same field and segment: one to reuse per pair.
    private readonly Dictionary<(string Field, int Leaf), DocsEnum> docsEnums = [];

    /// <summary>The term's per-segment states, or null when no document has it in that field.</summary>
    public TermContext? Context(string field, string term)
    {
        if (contexts.TryGetValue((field, term), out var cached))
        {
            return cached;
        }

        if (shared is not null && shared.TryGet(field, term, out cached))
        {
            contexts[(field, term)] = cached;
            return cached;
        }

        var bytes = new BytesRef(term);
        TermContext? context = null;
        for (var leaf = 0; leaf < leaves.Count; leaf++)
        {
            var termsEnum = Enum(field, leaf);
            if (termsEnum is not null && termsEnum.SeekExact(bytes))
            {
                context ??= new TermContext(reader.Context);
                context.Register(termsEnum.GetTermState(), leaf, termsEnum.DocFreq, termsEnum.TotalTermFreq);
            }
        }

        contexts[(field, term)] = context;
        shared?.Add(field, term, context);
        return context;
    }

    public int DocumentFrequency(string field, string term) => Context(field, term)?.DocFreq ?? 0;

    /// <summary>A TermQuery that reuses this lookup's states, or null when the term is not in the field at all.</summary>
    public TermQuery? Query(string field, string term) =>
        Context(field, term) is { } context ? new TermQuery(new Term(field, term), context) : null;

    /// <summary>Sets bit <c>map[doc]</c> of <paramref name="bits"/> for every document that has the term in the field.</summary>
    public void MarkAll(string field, string term, int[] map, ulong[] bits)
    {
        if (Context(field, term) is not { } context)
        {
            return;
        }

        var bytes = new BytesRef(term);
        for (var leaf = 0; leaf < leaves.Count; leaf++)
        {
            if (context.Get(leaf) is not { } state)
            {
                continue;
            }

            var leafContext = leaves[leaf];
            var docs = Docs(field, leaf, bytes, state);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                var bit = map[leafContext.DocBase + doc];
                bits[bit >> 6] |= 1UL << (bit & 63);
            }
        }
    }

    /// <summary>The term's documents in one segment, on the DocsEnum this lookup reuses for the field and segment.</summary>
    private DocsEnum Docs(string field, int leaf, BytesRef bytes, TermState state)
    {
        var termsEnum = Enum(field, leaf)!;
        termsEnum.SeekExact(bytes, state);
        var docs = termsEnum.Docs(leaves[leaf].AtomicReader.LiveDocs, docsEnums.GetValueOrDefault((field, leaf)), DocsFlags.NONE);
        docsEnums[(field, leaf)] = docs;
        return docs;
    }

    private TermsEnum? Enum(string field, int leaf)
    {
        if (!enums.TryGetValue((field, leaf), out var termsEnum))
        {
            termsEnum = leaves[leaf].AtomicReader.GetTerms(field)?.GetEnumerator();
            enums[(field, leaf)] = termsEnum;
        }

        return termsEnum;
    }
}
