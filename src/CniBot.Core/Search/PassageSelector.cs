using System.Collections.Concurrent;
using CniBot.Knowledge;
using Lucene.Net.Analysis;

namespace CniBot.Search;

/// <summary>
/// Chooses the passage of a section that answers the question and marks in it the question's distinctive words:
/// at most <see cref="MaxHighlights"/>, never a word that most passages have.
/// </summary>
internal sealed class PassageSelector(PassageIndexLayout layout, PassageScorer postings, Analyzer analyzer, GlossaryMatcher glossary)
{
    internal const int MaxHighlights = 5;

    /// <summary>A word in more than this share of passages (and in more than <see cref="MinCommonPassages"/>) is too
    /// common to mark.</summary>
    private const double MaxHighlightShare = 0.05;
    private const int MinCommonPassages = 3;

    /// <summary>Narrative and everyday words do not decide which passage answers.</summary>
    private const double MinSalience = 0.5;

    /// <summary>What a word of the question counts for in choosing a passage when the section's heading has it too.</summary>
    private const double HeadingShare = 0.5;

    /// <summary>How many list items or table rows an introduction brings along.</summary>
    private const int MaxFollowing = 10;

    /// <summary>
    /// The words and glossary terms of each run of knowledge text shown so far. Analysing the three answers' passages
    /// again for every question was a fifth of a search's time; the runs are the knowledge's own (never a question's),
    /// so the cache holds at most one entry per run of this snapshot and goes with it on reload.
    /// </summary>
    private readonly ConcurrentDictionary<string, (List<QuestionToken> Tokens, List<GlossaryMatch> Terms)> analyzed = new(StringComparer.Ordinal);

    public IReadOnlyList<AnswerPassage> Select(RankedSection ranked, IReadOnlyList<WeightedUnit> units, TermLookup terms)
    {
        var section = ranked.Section;
        if (section.Passages.Count == 0)
        {
            return [];
        }

        var (start, _) = layout.Documents(ranked.SectionIndex);
        var passage = Best(ranked.SectionIndex, section, start, units, terms);
        var shown = new List<KnowledgePassage> { passage };
        if (Introduces(passage))
        {
            // "… these ports:" introduces the list or table that follows: that is the answer, shown whole (up to a point).
            for (var i = passage.Ordinal + 1; i < section.Passages.Count && shown.Count <= MaxFollowing && section.Passages[i].Kind is PassageKind.ListItem or PassageKind.TableRow; i++)
            {
                shown.Add(section.Passages[i]);
            }
        }

        var common = Math.Max(MaxHighlightShare * layout.PassageCount, MinCommonPassages);
        var marked = units
            .Where(u => u.Known && u.Unit.Salience >= MinSalience && Frequency(u) <= common && shown.Any(p => PassageIndexLayout.PassageContains(start + p.Ordinal, u.Unit, postings, section.Language)))
            .Take(MaxHighlights)
            .Select(u => u.Unit)
            .ToArray();
        return shown.Select(p =>
        {
            // Only the words this passage holds are looked for in it; a passage that holds none is not analysed.
            var own = marked.Where(u => PassageIndexLayout.PassageContains(start + p.Ordinal, u, postings, section.Language)).ToArray();
            return new AnswerPassage(p, Highlight(p.Body, own), p.Cells.Select(c => Highlight(c, own)).ToArray());
        }).ToArray();

        double Frequency(WeightedUnit unit) => layout.PassageCount / Math.Exp(unit.Idf);
    }

    /// <summary>A paragraph that ends in a colon introduces what follows it.</summary>
    private static bool Introduces(KnowledgePassage passage) =>
        passage.Kind == PassageKind.Paragraph && passage.Body.Text.TrimEnd() is { Length: > 0 } text && text[^1] is ':' or '：';

    /// <summary>
    /// The passage that holds most of what the question asks, counting what the section's heading already says at
    /// <see cref="HeadingShare"/> of its weight (the heading is shared by every passage, so mostly it says nothing about
    /// which one answers): "Which MTU for Calico VXLAN over IPv6" picks the IPv6 VXLAN row of "Which MTU should
    /// Calico use on a 1500-byte network?". But a heading that lists what its passages tell apart ("… AWS, GCP and
    /// Azure …") still decides between them: "Calico VXLAN on GCP" picks the GCE row, not the first row that has VXLAN.
    /// When nothing beyond the heading is asked, the section's first passage: knowledge is written answer first.
    /// Between equals, the first.
    /// </summary>
    private KnowledgePassage Best(int sectionIndex, KnowledgeSection section, int start, IReadOnlyList<WeightedUnit> units, TermLookup terms)
    {
        var twin = layout.Twin(sectionIndex);
        var asked = units
            .Where(u => u.Known && u.Unit.Salience >= MinSalience)
            .Select(u => (u.Unit, u.Weight, InHeading: layout.HeadingContains(sectionIndex, u.Unit, terms) || (twin >= 0 && layout.HeadingContains(twin, u.Unit, terms))))
            .ToArray();
        if (asked.All(u => u.InHeading))
        {
            return section.Passages[0];
        }

        var best = section.Passages[0];
        var bestWeight = 0.0;
        foreach (var passage in section.Passages)
        {
            var weight = asked
                .Where(u => PassageIndexLayout.PassageContains(start + passage.Ordinal, u.Unit, postings, section.Language))
                .Sum(u => u.InHeading ? u.Weight * HeadingShare : u.Weight);
            if (weight > bestWeight + 1e-9)
            {
                best = passage;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>Splits runs so that the words standing for <paramref name="units"/> carry <see cref="RunStyle.Highlight"/>.</summary>
    internal RichText Highlight(RichText text, IReadOnlyList<QueryUnit> units)
    {
        if (units.Count == 0 || text.Runs.Count == 0)
        {
            return text;
        }

        var words = units.Where(u => !u.IsConcept).Select(u => u.Term).ToHashSet(StringComparer.Ordinal);
        var concepts = units.Where(u => u.IsConcept).Select(u => u.Concept).ToHashSet();
        var runs = new List<TextRun>();
        foreach (var run in text.Runs)
        {
            var (tokens, terms) = analyzed.GetOrAdd(run.Text, text =>
            {
                var tokens = TextTokens.Of(analyzer, text);
                return (tokens, glossary.Matches(text, tokens));
            });
            var ranges = new List<(int Start, int End)>();
            foreach (var token in tokens)
            {
                if (token.AnyFormIn(words))
                {
                    ranges.Add((token.Start, token.End));
                }
            }

            if (concepts.Count > 0)
            {
                foreach (var match in terms.Where(m => concepts.Contains(m.Group)))
                {
                    ranges.Add((tokens[match.Start].Start, tokens[match.End - 1].End));
                }
            }

            var at = 0;
            foreach (var (start, end) in ranges.OrderBy(r => r.Start).Where(r => r.End > r.Start))
            {
                if (start < at)
                {
                    continue;
                }

                if (start > at)
                {
                    runs.Add(run with { Text = run.Text[at..start] });
                }

                runs.Add(run with { Text = run.Text[start..end], Style = run.Style | RunStyle.Highlight });
                at = end;
            }

            if (at < run.Text.Length)
            {
                runs.Add(run with { Text = run.Text[at..] });
            }
        }

        return new RichText(runs);
    }
}
