using CniBot.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Search;

/// <summary>
/// A second opinion on the best candidates: how well each whole section (its document's title, its heading, its
/// text) matches every word of the question, scored as plain Lucene scores a query of the question's words against
/// a section per document (<see cref="StandardAnalyzer"/> words, TF-IDF with its coordination factor). It knows
/// nothing of concepts, narrative or salience, which is why it helps: where two candidates hold the question's units
/// alike, the one that shares more of the asker's own words is usually the one asked about. Its own best among the
/// sections the search ranks first is a candidate too (<see cref="SectionRanker.PlainDepth"/>): on questions the
/// knowledge was not written for, it is right first in cases the passage search ranks outside its dozen.
/// </summary>
/// <remarks>
/// Only a few dozen sections are scored per question (<see cref="SectionRanker.PlainDepth"/>), so the words of each
/// section are kept as a sorted array of word ids with their counts rather than in the passage index: a question then
/// costs one pass of the analyzer and a merge per section instead of a term lookup per word (measured: a Lucene field and query for this doubled the
/// search time of a long question).
/// </remarks>
internal sealed class SectionWordScorer : IDisposable
{
    /// <summary>Counts above this are counted as this (a word id and its count share one integer).</summary>
    private const int MaxCount = 255;

    private readonly Analyzer analyzer = new StandardAnalyzer(Analysis.CniAnalyzer.Version);
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>Per word id: its TF-IDF inverse document frequency, squared (the query and the document both carry it).</summary>
    private readonly float[] idfSquared;

    /// <summary>Per section: its words as <c>id &lt;&lt; 8 | count</c>, sorted by id.</summary>
    private readonly int[][] words;

    /// <summary>Per section: TF-IDF's length norm, 1/sqrt(number of words).</summary>
    private readonly float[] norms;

    public SectionWordScorer(IReadOnlyList<KnowledgeSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var counted = new Dictionary<string, int>[sections.Count];
        var lengths = new int[sections.Count];
        Parallel.For(0, sections.Count, i =>
        {
            counted[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            lengths[i] = Count(TextOf(sections[i]), counted[i]);
        });

        // Ids in order of first use, sections in order: the same knowledge always gives the same ids.
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new List<int>();
        words = new int[sections.Count][];
        norms = new float[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            var packed = new int[counted[i].Count];
            var n = 0;
            foreach (var (word, count) in counted[i].OrderBy(w => w.Key, StringComparer.Ordinal))
            {
                if (!ids.TryGetValue(word, out var id))
                {
                    id = ids.Count;
                    ids.Add(word, id);
                    documentFrequency.Add(0);
                }

                documentFrequency[id]++;
                packed[n++] = (id << 8) | Math.Min(count, MaxCount);
            }

            Array.Sort(packed);
            words[i] = packed;
            norms[i] = lengths[i] == 0 ? 0 : (float)(1 / Math.Sqrt(lengths[i]));
        }

        idfSquared = documentFrequency.Select(df => (float)Math.Pow(1 + Math.Log(sections.Count / (df + 1.0)), 2)).ToArray();
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The plain score of each of <paramref name="sections"/> (indexes into the sections this was built from), in
    /// their order, on a scale of their own: only comparisons between them mean something.
    /// </summary>
    public double[] Score(string question, IReadOnlyList<int> sections)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sections);
        var scores = new double[sections.Count];
        var asked = Asked(question);
        if (asked.Count == 0)
        {
            return scores;
        }

        for (var s = 0; s < sections.Count; s++)
        {
            // Both lists are sorted by word id: one merge finds the words they share.
            var held = words[sections[s]];
            double sum = 0;
            var shared = 0;
            for (int q = 0, h = 0; q < asked.Count && h < held.Length;)
            {
                var heldId = held[h] >> 8;
                if (asked[q].Id < heldId)
                {
                    q++;
                }
                else if (asked[q].Id > heldId)
                {
                    h++;
                }
                else
                {
                    sum += Math.Sqrt(held[h] & MaxCount) * idfSquared[heldId] * asked[q].Count;
                    shared++;
                    q++;
                    h++;
                }
            }

            // The coordination factor: the share of the question's words the section holds (the question's own
            // word count is the same for every candidate, so the count of shared words stands for it).
            scores[s] = sum * norms[sections[s]] * shared;
        }

        return scores;
    }

    public void Dispose() => analyzer.Dispose();

    /// <summary>What a section's words are drawn from.</summary>
    internal static string TextOf(KnowledgeSection section) => section.DocumentTitle + "\n" + section.Heading + "\n" + section.PlainText;

    /// <summary>The question's words that some section holds, by id, with how often the question says each.</summary>
    private List<(int Id, int Count)> Asked(string question)
    {
        var found = new List<int>();
        using (var stream = analyzer.GetTokenStream(string.Empty, question))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (lookup.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var id))
                {
                    found.Add(id);
                }
            }

            stream.End();
        }

        found.Sort();
        var asked = new List<(int Id, int Count)>(found.Count);
        foreach (var id in found)
        {
            if (asked.Count > 0 && asked[^1].Id == id)
            {
                asked[^1] = (id, asked[^1].Count + 1);
            }
            else
            {
                asked.Add((id, 1));
            }
        }

        return asked;
    }

    /// <summary>Counts the words of <paramref name="text"/> into <paramref name="counts"/>; returns how many there were.</summary>
    private int Count(string text, Dictionary<string, int> counts)
    {
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var n = 0;
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            counts[word] = counts.GetValueOrDefault(word) + 1;
            n++;
        }

        stream.End();
        return n;
    }
}
