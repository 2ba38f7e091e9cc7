using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace CniBot.Search;

/// <summary>One unit's clause: the best of its field terms plus a share of the others, times the unit's boost.</summary>
internal sealed record QueryClause(float Boost, IReadOnlyList<FieldTerm> Alternatives);

/// <summary>A term searched in one field, with that field's boost.</summary>
internal sealed record FieldTerm(string Field, string Term, float Boost);

/// <summary>
/// Scores passages for a question's clauses exactly as Lucene scores the equivalent query (a BooleanQuery without
/// coordination of one DisjunctionMaxQuery of TermQuerys per clause, under <see cref="BM25Similarity"/>), from the
/// index's postings copied once into arrays.
/// </summary>
/// <remarks>
/// The index is built once and then only read, and it is small (one segment, a few thousand to a few hundred
/// thousand passages), so the postings fit in arrays: a search adds up a few thousand products instead of building,
/// per clause and field, Lucene's weights, scorers, postings readers and priority queues, which was 40 % of a long
/// question's search and half its allocation. The same query is still built for Lucene where Lucene explains a
/// score (<see cref="LuceneKnowledgeIndex.Explain"/>), and a test holds the two to the same passages and scores.
/// </remarks>
internal sealed class PassageScorer : IDocumentFrequencies
{
    private readonly Dictionary<string, FieldPostings> fields = new(StringComparer.Ordinal);
    private readonly int maxDoc;
    private readonly float k1;

    /// <summary>Each thread's running scores (14 bytes a passage each), reused by its next search on this scorer. A
    /// search runs on one thread from start to end, so the thread's own set needs no lock; a <c>ConcurrentBag</c>
    /// here took a contended lock whenever a thread's own list was empty (2.7 % of the host's CPU under the uncached
    /// load test).
    /// The scorer is named by a number, not a reference, so that a thread's set does not keep a replaced index alive.</summary>
    [ThreadStatic]
    private static (int Owner, Scratch Scratch)? threadScratch;

    private static int scorers;

    /// <summary>This scorer's number, for <see cref="threadScratch"/>.</summary>
    private readonly int number = Interlocked.Increment(ref scorers);

    public PassageScorer(IndexReader reader, BM25Similarity similarity, IEnumerable<string> fieldNames)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(similarity);
        if (reader.Leaves.Count != 1)
        {
            throw new ArgumentException("the passage index must be one segment", nameof(reader));
        }

        var atomic = reader.Leaves[0].AtomicReader;
        maxDoc = reader.MaxDoc;
        k1 = similarity.K1;
        var norms = new NormTable(similarity.K1, similarity.B);
        foreach (var name in fieldNames)
        {
            if (atomic.GetTerms(name) is { } terms)
            {
                fields[name] = FieldPostings.Read(atomic, name, terms, norms);
            }
        }
    }

    /// <summary>Every term of <paramref name="field"/> with how many passages have it.</summary>
    public IEnumerable<(string Term, int Passages)> Terms(string field)
    {
        if (!fields.TryGetValue(field, out var postings))
        {
            yield break;
        }

        foreach (var (term, id) in postings.Ids)
        {
            yield return (term, postings.Length(id));
        }
    }

    /// <summary>How many passages have <paramref name="term"/> in <paramref name="field"/>.</summary>
    public int DocumentFrequency(string field, string term) =>
        fields.TryGetValue(field, out var postings) && postings.Find(term) is var id and >= 0 ? postings.Length(id) : 0;

    /// <summary>How many distinct groups (sections) the passages with <paramref name="term"/> in <paramref name="field"/>
    /// fall into, given each passage's group in document order (a group's passages are consecutive).</summary>
    public int DistinctGroups(string field, string term, ReadOnlySpan<int> groupOfDoc)
    {
        if (!fields.TryGetValue(field, out var postings) || postings.Find(term) is not (var id and >= 0))
        {
            return 0;
        }

        var (start, end) = postings.Range(id);
        var count = 0;
        var last = -1;
        for (var i = start; i < end; i++)
        {
            var group = groupOfDoc[postings.Docs[i]];
            if (group != last)
            {
                count++;
                last = group;
            }
        }

        return count;
    }

    /// <summary>Whether passage <paramref name="doc"/> has <paramref name="term"/> in <paramref name="field"/>.</summary>
    public bool Has(string field, string term, int doc)
    {
        if (!fields.TryGetValue(field, out var postings) || postings.Find(term) is not (var id and >= 0))
        {
            return false;
        }

        var (start, end) = postings.Range(id);
        return Array.BinarySearch(postings.Docs, start, end - start, doc) >= 0;
    }

    /// <summary>The best <paramref name="depth"/> passages for the clauses, by score and then document number, as Lucene returns them.</summary>
    public (int Doc, float Score)[] Search(IReadOnlyList<QueryClause> clauses, int depth)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        var s = TakeScratch();
        try
        {
            foreach (var clause in clauses)
            {
                AddClause(clause, s);
            }

            return s.Top(depth);
        }
        finally
        {
            s.Clear();
            ReturnScratch(s);
        }
    }

    private Scratch TakeScratch()
    {
        if (threadScratch is { } kept && kept.Owner == number)
        {
            threadScratch = null;
            return kept.Scratch;
        }

        return new Scratch(maxDoc);
    }

    private void ReturnScratch(Scratch scratch) => threadScratch = (number, scratch);

    /// <summary>
    /// Adds one clause's score to every passage it matches: the best field's score plus the tie breaker's share of
    /// the others (Lucene's DisjunctionMaxScorer), each field's score BM25's, with the clause's boost in its weight.
    /// </summary>
    private void AddClause(QueryClause clause, Scratch s)
    {
        foreach (var alternative in clause.Alternatives)
        {
            if (!fields.TryGetValue(alternative.Field, out var postings) || postings.Find(alternative.Term) is not (var id and >= 0))
            {
                continue;
            }

            // As Lucene's BM25Stats.Normalize and BM25DocScorer compute it, in the same float operations.
            var boost = alternative.Boost * (1.0f * clause.Boost);
            var weight = Idf(postings.Length(id)) * boost;
            var weightValue = weight * (k1 + 1);
            var (start, end) = postings.Range(id);
            for (var p = start; p < end; p++)
            {
                var doc = postings.Docs[p];
                float freq = postings.Freqs[p];
                var score = weightValue * freq / (freq + postings.Norms[doc]);
                s.AddAlternative(doc, score);
            }
        }

        s.EndClause(QueryBuilder.FieldTieBreaker);
    }

    private float Idf(int docFreq) => (float)Math.Log(1 + ((maxDoc - docFreq + 0.5D) / (docFreq + 0.5D)));

    /// <summary>BM25's length normalisation per encoded norm: <c>k1 * ((1 - b) + b * length / avgdl)</c> per field.</summary>
    private sealed class NormTable(float k1, float b) : BM25Similarity(k1, b)
    {
        public float[] For(float averageLength)
        {
            var cache = new float[256];
            for (var i = 0; i < cache.Length; i++)
            {
                cache[i] = K1 * ((1 - B) + (B * DecodeNormValue((byte)i) / averageLength));
            }

            return cache;
        }
    }

    /// <summary>One field's postings: every term's documents and frequencies, back to back, and each document's norm.</summary>
    private sealed class FieldPostings
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private readonly int[] offsets;

        private FieldPostings(Dictionary<string, int> ids, int[] offsets, int[] docs, ushort[] freqs, float[] norms)
        {
            lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
            this.offsets = offsets;
            Docs = docs;
            Freqs = freqs;
            Norms = norms;
        }

        public int[] Docs { get; }

        public ushort[] Freqs { get; }

        /// <summary>Per document, BM25's length normalisation of its norm in this field.</summary>
        public float[] Norms { get; }

        public IReadOnlyDictionary<string, int> Ids => lookup.Dictionary;

        public int Find(string term) => lookup.TryGetValue(term, out var id) ? id : -1;

        public int Length(int id) => offsets[id + 1] - offsets[id];

        public (int Start, int End) Range(int id) => (offsets[id], offsets[id + 1]);

        public static FieldPostings Read(AtomicReader reader, string field, Terms terms, NormTable table)
        {
            // AvgFieldLength as BM25Similarity computes it from the field's collection statistics.
            var sum = terms.SumTotalTermFreq;
            var averageLength = sum <= 0 ? 1f : (float)(sum / (double)reader.MaxDoc);
            var cache = table.For(averageLength);
            var norms = new float[reader.MaxDoc];
            var encoded = reader.GetNormValues(field);
            for (var doc = 0; doc < norms.Length; doc++)
            {
                norms[doc] = encoded is null ? table.K1 : cache[(byte)encoded.Get(doc)];
            }

            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var offsets = new List<int> { 0 };
            var docs = new List<int>();
            var freqs = new List<ushort>();
            var termsEnum = terms.GetEnumerator();
            DocsEnum? postings = null;
            while (termsEnum.MoveNext())
            {
                ids[termsEnum.Term.Utf8ToString()] = ids.Count;
                postings = termsEnum.Docs(reader.LiveDocs, postings, DocsFlags.FREQS);
                for (var doc = postings.NextDoc(); doc != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
                {
                    docs.Add(doc);
                    freqs.Add((ushort)Math.Min(postings.Freq, ushort.MaxValue));
                }

                offsets.Add(docs.Count);
            }

            return new FieldPostings(ids, [.. offsets], [.. docs], [.. freqs], norms);
        }
    }

    /// <summary>A search's running scores: per passage its clauses' total, and the current clause's best and sum.</summary>
    private sealed class Scratch(int maxDoc)
    {
        private readonly float[] total = new float[maxDoc];
        private readonly float[] best = new float[maxDoc];
        private readonly float[] sum = new float[maxDoc];
        private readonly bool[] scored = new bool[maxDoc];
        private readonly bool[] inClause = new bool[maxDoc];
        private readonly List<int> docs = [];
        private readonly List<int> clauseDocs = [];

        public void AddAlternative(int doc, float score)
        {
            if (!inClause[doc])
            {
                inClause[doc] = true;
                best[doc] = float.NegativeInfinity;
                sum[doc] = 0;
                clauseDocs.Add(doc);
            }

            sum[doc] += score;
            if (score > best[doc])
            {
                best[doc] = score;
            }
        }

        public void EndClause(float tieBreaker)
        {
            foreach (var doc in clauseDocs)
            {
                inClause[doc] = false;
                if (!scored[doc])
                {
                    scored[doc] = true;
                    total[doc] = 0;
                    docs.Add(doc);
                }

                total[doc] += best[doc] + ((sum[doc] - best[doc]) * tieBreaker);
            }

            clauseDocs.Clear();
        }

        /// <summary>The best <paramref name="depth"/> passages, as Lucene's collector keeps them: by score, and
        /// between equal scores the lower document number.</summary>
        public (int Doc, float Score)[] Top(int depth)
        {
            // A bounded heap whose root is the worst kept: a long question touches thousands of passages, of which
            // a couple of hundred are kept.
            var heap = new (int Doc, float Score)[Math.Min(depth, docs.Count)];
            var count = 0;
            foreach (var doc in docs)
            {
                var entry = (doc, total[doc]);
                if (count < heap.Length)
                {
                    heap[count] = entry;
                    Up(heap, count++);
                }
                else if (heap.Length > 0 && Better(entry, heap[0]))
                {
                    heap[0] = entry;
                    Down(heap, 0, count);
                }
            }

            Array.Sort(heap, static (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
            return heap;
        }

        private static bool Better((int Doc, float Score) a, (int Doc, float Score) b) =>
            a.Score > b.Score || (a.Score == b.Score && a.Doc < b.Doc);

        private static void Up((int Doc, float Score)[] heap, int i)
        {
            while (i > 0 && Better(heap[(i - 1) / 2], heap[i]))
            {
                (heap[i], heap[(i - 1) / 2]) = (heap[(i - 1) / 2], heap[i]);
                i = (i - 1) / 2;
            }
        }

        private static void Down((int Doc, float Score)[] heap, int i, int count)
        {
            while (true)
            {
                var worst = i;
                foreach (var child in (ReadOnlySpan<int>)[(2 * i) + 1, (2 * i) + 2])
                {
                    if (child < count && Better(heap[worst], heap[child]))
                    {
                        worst = child;
                    }
                }

                if (worst == i)
                {
                    return;
                }

                (heap[i], heap[worst]) = (heap[worst], heap[i]);
                i = worst;
            }
        }

        public void Clear()
        {
            foreach (var doc in docs)
            {
                scored[doc] = false;
            }

            docs.Clear();
        }
    }
}
