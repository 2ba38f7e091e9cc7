using CniBot.Knowledge;
using Lucene.Net.Analysis;

namespace CniBot.Search;

/// <summary>
/// Chooses the passage of a section that answers the question and marks in it the question's distinctive words:
/// at most <see cref="MaxHighlights"/>, never a word that most passages have.
/// </summary>
internal sealed class PassageSelector(PassageIndexLayout layout, Analyzer analyzer, GlossaryMatcher glossary)
{
    internal const int MaxHighlights = 5;

    /// <summary>A word in more than this share of passages (and in more than <see cref="MinCommonPassages"/>) is too
    /// common to mark.</summary>
    private const double MaxHighlightShare = 0.05;
    private const int MinCommonPassages = 3;

    /// <summary>Narrative and everyday words do not decide which passage answers.</summary>
    private const double MinSalience = 0.5;

    public AnswerPassage? Select(RankedSection ranked, IReadOnlyList<WeightedUnit> units, TermLookup terms)
    {
        var section = ranked.Section;
        if (section.Passages.Count == 0)
        {
            return null;
        }

        var (start, _) = layout.Documents(ranked.SectionIndex);
        var passage = BestByUnits(section, start, units, terms, ranked.BestPassage);
        var doc = start + passage.Ordinal;
        var common = Math.Max(MaxHighlightShare * layout.PassageCount, MinCommonPassages);
        var marked = units
            .Where(u => u.Known && u.Unit.Salience >= 0.5 && Frequency(u) <= common && PassageIndexLayout.PassageContains(doc, u.Unit, terms, section.Language))
            .Take(MaxHighlights)
            .Select(u => u.Unit)
            .ToArray();
        return new AnswerPassage(passage, Highlight(passage.Body, marked), passage.Cells.Select(c => Highlight(c, marked)).ToArray());

        double Frequency(WeightedUnit unit) => layout.PassageCount / Math.Exp(unit.Idf);
    }

    /// <summary>
    /// The passage that holds most of the question's weight in its own text (its section's heading is shared by all
    /// and says nothing about which passage answers); between equals, the one that scored best in the search
    /// (<paramref name="scored"/>, -1 when none did), then the first.
    /// </summary>
    private static KnowledgePassage BestByUnits(KnowledgeSection section, int start, IReadOnlyList<WeightedUnit> units, TermLookup terms, int scored)
    {
        var best = scored >= 0 ? section.Passages[scored] : section.Passages[0];
        var bestWeight = Weight(best);
        foreach (var passage in section.Passages)
        {
            var weight = Weight(passage);
            if (weight > bestWeight + 1e-9)
            {
                best = passage;
                bestWeight = weight;
            }
        }

        return best;

        double Weight(KnowledgePassage passage) =>
            units.Where(u => u.Known && u.Unit.Salience >= MinSalience && PassageIndexLayout.PassageContains(start + passage.Ordinal, u.Unit, terms, section.Language)).Sum(u => u.Weight);
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
            var tokens = TextTokens.Of(analyzer, run.Text);
            var ranges = new List<(int Start, int End)>();
            foreach (var token in tokens)
            {
                if (token.Forms.Any(words.Contains))
                {
                    ranges.Add((token.Start, token.End));
                }
            }

            if (concepts.Count > 0)
            {
                foreach (var match in glossary.Matches(run.Text, tokens).Where(m => concepts.Contains(m.Group)))
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
