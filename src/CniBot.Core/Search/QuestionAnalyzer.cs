using System.Globalization;
using CniBot.Knowledge;
using CniBot.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Search;

/// <summary>One analyzed word of a question: the terms that stand for it (as written, stemmed) and where it was.</summary>
internal sealed record QuestionToken(string[] Forms, int Start, int End);

/// <summary>A way to say a concept: one term, or a sequence of positions each with its alternatives.</summary>
internal sealed record ConceptForm(string[][] Positions, bool Typed)
{
    public bool IsSingleTerm => Positions.Length == 1;
}

/// <summary>
/// A thing the question asks about: a word the user typed, or a glossary term found in the question together
/// with its synonyms and translations ("最大传输单元" → MTU, maximum transmission unit).
/// </summary>
internal sealed record Concept(string Text, IReadOnlyList<ConceptForm> Forms, int GlossaryGroup = -1);

/// <summary>Turns a question into concepts, bridging languages through the glossary.</summary>
internal sealed class QuestionAnalyzer
{
    /// <summary>More topic words than this in one question add noise, not precision.</summary>
    internal const int MaxConcepts = 24;

    private readonly Analyzer analyzer;
    private readonly List<GlossaryTerm> glossaryTerms = [];
    private readonly Dictionary<int, ConceptForm[]> groupForms = [];

    /// <summary>Indexes into <see cref="glossaryTerms"/> by each alternative of the term's first word.</summary>
    private readonly Dictionary<string, List<int>> termsByFirstForm = new(StringComparer.Ordinal);

    /// <summary>Indexes of the terms written in Chinese characters, also matched by their characters.</summary>
    private readonly List<int> hanTerms = [];

    public QuestionAnalyzer(Analyzer queryAnalyzer, Glossary glossary)
    {
        analyzer = queryAnalyzer;
        for (var group = 0; group < glossary.Groups.Count; group++)
        {
            var forms = new List<ConceptForm>();
            foreach (var term in glossary.Groups[group].Terms)
            {
                var tokens = Tokenize(term);
                if (tokens.Count == 0)
                {
                    continue; // The term is made of stop words only; nothing to search for.
                }

                var positions = tokens.Select(t => t.Forms).ToArray();
                var isHan = term.Any(CharClasses.IsHan);
                foreach (var first in positions[0].Distinct())
                {
                    (termsByFirstForm.TryGetValue(first, out var list) ? list : termsByFirstForm[first] = []).Add(glossaryTerms.Count);
                }

                if (isHan)
                {
                    hanTerms.Add(glossaryTerms.Count);
                }

                glossaryTerms.Add(new GlossaryTerm(group, Fold(term), positions));
                forms.Add(new ConceptForm(positions, Typed: false));
            }

            groupForms[group] = forms.ToArray();
        }
    }

    public IReadOnlyList<QuestionToken> Tokenize(string text)
    {
        var tokens = new List<QuestionToken>();
        using var stream = analyzer.GetTokenStream("question", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var forms = new List<string>();
        int start = 0, end = 0;
        while (stream.IncrementToken())
        {
            if (position.PositionIncrement > 0 && forms.Count > 0)
            {
                tokens.Add(new QuestionToken([.. forms], start, end));
                forms.Clear();
            }

            if (forms.Count == 0)
            {
                start = offset.StartOffset;
                end = offset.EndOffset;
            }

            var text1 = term.ToString();
            if (!forms.Contains(text1))
            {
                forms.Add(text1);
            }
        }

        if (forms.Count > 0)
        {
            tokens.Add(new QuestionToken([.. forms], start, end));
        }

        stream.End();
        return tokens;
    }

    public IReadOnlyList<Concept> Concepts(string question)
    {
        var tokens = Tokenize(question);
        var covered = new bool[tokens.Count];
        var byStart = new SortedDictionary<int, Concept>();
        var seenGroups = new HashSet<int>();

        foreach (var match in GlossaryMatches(question, tokens).OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            if (Enumerable.Range(match.Start, match.End - match.Start).Any(i => covered[i]))
            {
                continue;
            }

            for (var i = match.Start; i < match.End; i++)
            {
                covered[i] = true;
            }

            if (!seenGroups.Add(match.Group))
            {
                continue; // The same term twice is still one concept.
            }

            var typed = new ConceptForm(tokens.Skip(match.Start).Take(match.End - match.Start).Select(t => t.Forms).ToArray(), Typed: true);
            var forms = new List<ConceptForm> { typed };
            forms.AddRange(groupForms[match.Group].Where(f => !SameForm(f, typed)));
            var text = question[tokens[match.Start].Start..tokens[match.End - 1].End];
            byStart[tokens[match.Start].Start] = new Concept(text, forms, match.Group);
        }

        var seenWords = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!covered[i] && seenWords.Add(tokens[i].Forms[0]))
            {
                byStart[tokens[i].Start] = new Concept(question[tokens[i].Start..tokens[i].End], [new ConceptForm([tokens[i].Forms], Typed: true)]);
            }
        }

        return byStart.Values.Take(MaxConcepts).ToArray();
    }

    /// <summary>
    /// Glossary terms found in the question: by analyzed tokens (so "packet losses" finds "packet loss"), and,
    /// for Chinese terms, also by the characters themselves, because word segmentation depends on context and
    /// may cut the same term differently inside a sentence. In glossary order (then token matches before character
    /// matches, then by position), which decides between overlapping matches of the same length.
    /// </summary>
    private List<(int Group, int Start, int End)> GlossaryMatches(string question, IReadOnlyList<QuestionToken> tokens)
    {
        var found = new List<(int Term, int Kind, int At, int Group, int Start, int End)>();

        // Only terms whose first word is one of the question's words can match at a token: look those up instead of
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
                    var term = glossaryTerms[index];
                    if (i + term.Positions.Length <= tokens.Count && MatchesAt(term, tokens, i) && !found.Contains((index, 0, i, term.Group, i, i + term.Positions.Length)))
                    {
                        found.Add((index, 0, i, term.Group, i, i + term.Positions.Length));
                    }
                }
            }
        }

        string? folded = null;
        foreach (var index in hanTerms)
        {
            var term = glossaryTerms[index];
            folded ??= Fold(question);
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

        found.Sort((a, b) => (a.Term, a.Kind, a.At).CompareTo((b.Term, b.Kind, b.At)));
        return found.ConvertAll(f => (f.Group, f.Start, f.End));
    }

    private static bool MatchesAt(GlossaryTerm term, IReadOnlyList<QuestionToken> tokens, int start)
    {
        for (var j = 0; j < term.Positions.Length; j++)
        {
            if (!Overlaps(term.Positions[j], tokens[start + j].Forms))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Overlaps(string[] a, string[] b)
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

    private static bool SameForm(ConceptForm a, ConceptForm b) =>
        a.Positions.Length == b.Positions.Length && a.Positions.Zip(b.Positions).All(p => Overlaps(p.First, p.Second));

    private static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.ToLower(CharClasses.FoldWidth(source[i]), CultureInfo.InvariantCulture);
            }
        });

    private sealed record GlossaryTerm(int Group, string Text, string[][] Positions);
}
