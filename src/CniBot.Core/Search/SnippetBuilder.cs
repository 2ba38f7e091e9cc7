using System.Text;

namespace CniBot.Search;

/// <summary>Cuts the most relevant passage out of a section's text and marks the matches <c>**like this**</c>.</summary>
internal static class SnippetBuilder
{
    /// <summary>A matching word: its character range in the text and the question concept it stands for.</summary>
    internal readonly record struct Match(int Start, int End, int Concept);

    /// <summary>Context kept before the first match of the chosen passage.</summary>
    private const int Lead = 40;

    public static string Build(string text, IReadOnlyList<Match> matches, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var valid = Outermost(matches.Where(m => m.Start >= 0 && m.End <= text.Length && m.End > m.Start));
        var (start, end) = text.Length <= length ? (0, text.Length) : BestWindow(text, valid, length);

        var builder = new StringBuilder(end - start + 16);
        if (start > 0)
        {
            builder.Append('…');
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        var at = start;
        foreach (var match in valid.Where(m => m.Start >= start && m.End <= end))
        {
            builder.Append(text, at, match.Start - at).Append("**").Append(text, match.Start, match.End - match.Start).Append("**");
            at = match.End;
        }

        builder.Append(text, at, end - at);
        var passage = builder.ToString().ReplaceLineEndings(" ").Trim();
        return end < text.Length ? passage + "…" : passage;
    }

    /// <summary>Matches sorted by position, dropping any that lies inside another (a part inside its compound word).</summary>
    private static List<Match> Outermost(IEnumerable<Match> matches)
    {
        var result = new List<Match>();
        foreach (var match in matches.OrderBy(m => m.Start).ThenByDescending(m => m.End))
        {
            if (result.Count == 0 || match.Start >= result[^1].End)
            {
                result.Add(match);
            }
        }

        return result;
    }

    /// <summary>The window of about <paramref name="length"/> characters that holds the most distinct concepts.</summary>
    private static (int Start, int End) BestWindow(string text, List<Match> matches, int length)
    {
        var bestStart = 0;
        var bestScore = (-1, -1);
        foreach (var anchor in matches)
        {
            var start = Math.Max(0, anchor.Start - Lead);
            var inside = matches.Where(m => m.Start >= start && m.End <= start + length).ToArray();
            var score = (inside.Select(m => m.Concept).Distinct().Count(), inside.Length);
            if (score.CompareTo(bestScore) > 0)
            {
                bestScore = score;
                bestStart = start;
            }
        }

        var begin = WordBoundary(text, bestStart);
        return (begin, WordBoundary(text, Math.Min(text.Length, begin + length)));
    }

    /// <summary>Moves back to the start of the word at <paramref name="index"/> so the passage never starts or ends mid-word.</summary>
    private static int WordBoundary(string text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return Math.Clamp(index, 0, text.Length);
        }

        var i = index;
        while (i > 0 && index - i < 20 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i]) && !Analysis.CharClasses.IsHan(text[i]))
        {
            i--;
        }

        return index - i >= 20 ? index : i;
    }
}
