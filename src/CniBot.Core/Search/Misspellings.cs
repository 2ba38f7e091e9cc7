using System.Collections.Frozen;

namespace CniBot.Search;

/// <summary>
/// Reads an asker's misspelling of a word the knowledge uses often as that word: a letter left out ("kuberntes"), one
/// typed twice or stray ("corendns"), two letters swapped ("serivce", "netowrk"). Only words the knowledge has in many
/// passages are corrections, only one edit away, never at the first letter ("spending" is not "pending"), and never by
/// replacing a letter, which turns everyday words into the trade's ("letting" into "setting", "konnectivity" into
/// "connectivity"). An ambiguous correction is no correction. Works on indexed terms (stems), as the question's words
/// are looked up.
/// </summary>
internal sealed class Misspellings
{
    /// <summary>Passages a word must be in to be what a misspelling meant: rarer words are too often someone's name.</summary>
    internal const int MinPassages = 20;

    /// <summary>Shorter stems are a letter away from too many others.</summary>
    internal const int MinLength = 6;

    /// <summary>No word is longer; a longer run of letters is pasted noise (and would not fit the stack buffer).</summary>
    internal const int MaxLength = 40;

    private readonly FrozenDictionary<string, int> known;

    /// <summary>A known term with one letter (not its first) removed, mapped to the commonest term it comes from.</summary>
    private readonly FrozenDictionary<string, string> shortened;

    /// <param name="postings">The passage index's terms, read once already for scoring.</param>
    public Misspellings(PassageScorer postings, IEnumerable<string> fields)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var (term, passages) in postings.Terms(field))
            {
                if (passages >= MinPassages && term.Length >= MinLength && term.All(char.IsAsciiLetterLower))
                {
                    frequencies[term] = Math.Max(frequencies.GetValueOrDefault(term), passages);
                }
            }
        }

        var deletions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (term, frequency) in frequencies)
        {
            for (var i = 1; i < term.Length; i++)
            {
                var variant = term.Remove(i, 1);
                if (!deletions.TryGetValue(variant, out var other) || frequencies[other] < frequency)
                {
                    deletions[variant] = term;
                }
            }
        }

        known = frequencies.ToFrozenDictionary(StringComparer.Ordinal);
        shortened = deletions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The known term <paramref name="term"/> misspells, or null.</summary>
    public string? Correct(string term)
    {
        if (term.Length < MinLength - 1 || term.Length > MaxLength || known.ContainsKey(term) || !term.All(char.IsAsciiLetterLower))
        {
            return null;
        }

        string? best = null;
        var ambiguous = false;
        void Consider(string candidate)
        {
            if (best is null || known[candidate] > known[best])
            {
                (best, ambiguous) = (candidate, false);
            }
            else if (known[candidate] == known[best] && !string.Equals(candidate, best, StringComparison.Ordinal))
            {
                ambiguous = true;
            }
        }

        // A letter left out: some known term without one of its letters is the word asked.
        if (shortened.TryGetValue(term, out var longer))
        {
            Consider(longer);
        }

        Span<char> buffer = stackalloc char[term.Length];
        for (var i = 1; i < term.Length; i++)
        {
            // A letter too many.
            if (term.Length > MinLength && term.Remove(i, 1) is var shorter && known.ContainsKey(shorter))
            {
                Consider(shorter);
            }

            // Two neighbours swapped.
            if (i < term.Length - 1 && term[i] != term[i + 1])
            {
                term.AsSpan().CopyTo(buffer);
                (buffer[i], buffer[i + 1]) = (buffer[i + 1], buffer[i]);
                var swapped = new string(buffer);
                if (known.ContainsKey(swapped))
                {
                    Consider(swapped);
                }
            }
        }

        return ambiguous ? null : best;
    }
}
