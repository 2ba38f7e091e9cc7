using System.Collections.Concurrent;

namespace CniBot.Search;

/// <summary>
/// How evenly a word is spread over the knowledge's sections. A word the knowledge is about (wireguard, coredns, snat)
/// comes in clumps: where a section uses it, it uses it in several passages, so it is in fewer sections than its
/// passages would fill if they were placed at random. An everyday word (through, first, example, show) is in about as
/// many sections as chance predicts. The ratio of the two, observed over expected sections, is near 1 for everyday
/// words and well below it for topical ones, whatever their frequency; IDF cannot tell them apart, because in a
/// knowledge base about networking "wireguard" is commoner than "through".
/// </summary>
/// <remarks>
/// Measured on the knowledge (English text, 535 sections): through 1.03, first 1.00, example 0.99, show 1.05 against
/// wireguard 0.73, flannel 0.65, coredns 0.66, egress 0.68. Expected sections for a word in <c>n</c> of the language's
/// passages: the sum over its sections of <c>1 - (1 - share)^n</c>, a section's share being its part of the passages.
/// </remarks>
internal sealed class TermSpread
{
    /// <summary>A word in fewer passages says too little about its spread: it is never damped (damping these rare
    /// words too measured worse: 193 against 195 right first on the development set).</summary>
    internal const int MinPassages = 8;

    /// <summary>Spread up to this ratio is topical enough to keep the word's full weight.</summary>
    internal const double TopicalRatio = 0.75;

    /// <summary>
    /// The weight a word spread like chance (ratio 1 or more) loses; between <see cref="TopicalRatio"/> and 1 it
    /// loses a proportional part. Measured on the real questions, right first on the development set (290) and the
    /// held-out set (50): none 189 and 21, 0.2 194 and 22, 0.3 195 and 22, 0.4 191 and 21, 0.5 193 and 21; with 0.3,
    /// a topical ratio of 0.65 or 0.85 instead of 0.75 gave 193 and 192.
    /// </summary>
    internal const double EverydayDamping = 0.3;

    private readonly PassageIndexLayout layout;
    private readonly PassageScorer postings;
    private readonly Dictionary<Language, double[]> shares = [];
    private readonly ConcurrentDictionary<string, double> ratios = new(StringComparer.Ordinal);

    /// <summary><see cref="Compute"/> as a delegate made once: a method group converted per lookup allocates on every
    /// word of every search.</summary>
    private readonly Func<string, double> compute;

    public TermSpread(PassageIndexLayout layout, PassageScorer postings)
    {
        this.layout = layout;
        this.postings = postings;
        compute = Compute;
        foreach (var language in (Language[])[Language.En, Language.Zh])
        {
            var counts = new List<int>();
            for (var section = 0; section < layout.Knowledge.Sections.Count; section++)
            {
                if (layout.Knowledge.Sections[section].Language == language)
                {
                    var (start, end) = layout.Documents(section);
                    counts.Add(end - start);
                }
            }

            var total = counts.Sum();
            shares[language] = total == 0 ? [] : [.. counts.Select(c => (double)c / total)];
        }
    }

    /// <summary>The factor for a word's weight: 1 for a topical or rare word, down to 1 - <see cref="EverydayDamping"/>.</summary>
    public double Damping(string term) => Ratio(term) is var ratio && double.IsNaN(ratio) ? 1 : 1 - (EverydayDamping * Math.Clamp((ratio - TopicalRatio) / (1 - TopicalRatio), 0, 1));

    /// <summary>
    /// Observed over expected sections for <paramref name="term"/> in the text of the language that uses it most; NaN
    /// (no evidence either way) for a word in fewer than <see cref="MinPassages"/> passages. Computed once per word
    /// per snapshot of the knowledge.
    /// </summary>
    public double Ratio(string term) => ratios.GetOrAdd(term, compute);

    private double Compute(string term)
    {
        var en = postings.DocumentFrequency(IndexFields.EnText, term);
        var zh = postings.DocumentFrequency(IndexFields.ZhText, term);
        var (field, language, frequency) = en >= zh ? (IndexFields.EnText, Language.En, en) : (IndexFields.ZhText, Language.Zh, zh);
        if (frequency < MinPassages)
        {
            return double.NaN;
        }

        var expected = 0.0;
        foreach (var share in shares[language])
        {
            expected += 1 - Math.Pow(1 - share, frequency);
        }

        return expected <= 0 ? 1 : postings.DistinctGroups(field, term, layout.SectionsOfDocs) / expected;
    }
}
