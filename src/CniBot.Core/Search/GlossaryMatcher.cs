using System.Globalization;
using CniBot.Knowledge;
using CniBot.Search.Analysis;

namespace CniBot.Search;

/// <summary>A glossary term found in a text: its group and the range of tokens it covers.</summary>
internal readonly record struct GlossaryMatch(int Group, int Start, int End);

/// <summary>
/// Finds the glossary's terms in analyzed text, for questions and for the knowledge alike: a term found in a passage
/// becomes a concept token in the index, a term found in a question one clause on those tokens. The same matcher on
/// both sides means that whatever synonym or language a passage uses, a question in any other finds it.
/// </summary>
internal sealed class GlossaryMatcher
{
    private readonly List<(int Group, string Text, string[][] Positions)> terms = [];

    /// <summary>Indexes into <see cref="terms"/> by each alternative of the term's first word.</summary>
    private readonly Dictionary<string, List<int>> termsByFirstForm = new(StringComparer.Ordinal);

    /// <summary>Indexes of the terms written in Chinese characters, also matched by their characters.</summary>
    private readonly List<int> hanTerms = [];

    /// <summary>The glossary whose groups the matches index.</summary>
    public Glossary Glossary { get; }

    /// <param name="outside">Match the groups of neighbouring fields' names (<see cref="GlossaryGroup.Outside"/>)
    /// instead of the synonyms; a group keeps its glossary index either way.</param>
    public GlossaryMatcher(Glossary glossary, Func<string, IReadOnlyList<QuestionToken>> tokenize, bool outside = false)
    {
        Glossary = glossary;
        for (var group = 0; group < glossary.Groups.Count; group++)
        {
            if (glossary.Groups[group].Outside != outside)
            {
                continue;
            }

            foreach (var term in glossary.Groups[group].Terms)
            {
                var tokens = tokenize(term);
                if (tokens.Count == 0)
                {
                    continue; // The term is made of stop words only; nothing to search for.
                }

                if (tokens.Count == 1 && !term.Any(CharClasses.IsHan) && term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1)
                {
                    // A phrase whose other words are stop words ("deny all") would match its one remaining word
                    // anywhere: "permission denied" would become the default-deny concept.
                    continue;
                }

                var positions = tokens.Select(t => t.Forms).ToArray();
                foreach (var first in positions[0].Distinct())
                {
                    (termsByFirstForm.TryGetValue(first, out var list) ? list : termsByFirstForm[first] = []).Add(terms.Count);
                }

                if (term.Any(CharClasses.IsHan))
                {
                    hanTerms.Add(terms.Count);
                }

                terms.Add((group, Fold(term), positions));
            }
        }

        GroupCount = glossary.Groups.Count;
    }

    public int GroupCount { get; }

    /// <summary>
    /// Glossary terms found in the text: by analyzed tokens (so "packet losses" finds "packet loss"), and, for
    /// Chinese terms, also by the characters themselves, because word segmentation depends on context and may cut
    /// the same term differently inside a sentence. Overlapping matches are resolved longest first, then leftmost,
    /// then in glossary order; every token belongs to at most one match.
    /// </summary>
    public List<GlossaryMatch> Matches(string text, IReadOnlyList<QuestionToken> tokens)
    {
        var found = new List<(int Term, int Kind, int At, int Group, int Start, int End)>();

        // Only terms whose first word is one of the text's words can match at a token: look those up instead of
        // trying every glossary term at every position.
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var form in tokens[i].Forms)
            {
                if (!termsByFirstForm.TryGetValue(form, out var candidates))
                {
                    continue;
                }

                foreach (var index in candidates)
                {
                    var term = terms[index];
                    if (i + term.Positions.Length <= tokens.Count && MatchesAt(term.Positions, tokens, i))
                    {
                        found.Add((index, 0, i, term.Group, i, i + term.Positions.Length));
                    }
                }
            }
        }

        string? folded = null;
        foreach (var index in hanTerms)
        {
            var term = terms[index];
            folded ??= Fold(text);
            for (var at = folded.IndexOf(term.Text, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term.Text, at + 1, StringComparison.Ordinal))
            {
                var end = at + term.Text.Length;
                var first = -1;
                var last = -1;
                for (var i = 0; i < tokens.Count; i++)
                {
                    if (tokens[i].Start >= at && tokens[i].End <= end)
                    {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }

                if (first >= 0)
                {
                    found.Add((index, 1, at, term.Group, first, last + 1));
                }
            }
        }

        found.Sort((a, b) => (b.End - b.Start, a.Start, a.Term, a.Kind, a.At).CompareTo((a.End - a.Start, b.Start, b.Term, b.Kind, b.At)));
        var covered = new bool[tokens.Count];
        var matches = new List<GlossaryMatch>();
        foreach (var match in found)
        {
            var free = true;
            for (var i = match.Start; i < match.End && free; i++)
            {
                free = !covered[i];
            }

            if (!free)
            {
                continue;
            }

            for (var i = match.Start; i < match.End; i++)
            {
                covered[i] = true;
            }

            matches.Add(new GlossaryMatch(match.Group, match.Start, match.End));
        }

        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        return matches;
    }

    private static bool MatchesAt(string[][] positions, IReadOnlyList<QuestionToken> tokens, int start)
    {
        for (var j = 0; j < positions.Length; j++)
        {
            if (!Overlaps(positions[j], tokens[start + j].Forms))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool Overlaps(string[] a, string[] b)
    {
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.ToLower(CharClasses.FoldWidth(source[i]), CultureInfo.InvariantCulture);
            }
        });
}
