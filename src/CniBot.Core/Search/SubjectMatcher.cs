using System.Numerics;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Search;

/// <summary>
/// Finds in a text the subjects the documents declare in their front matter (tags, plugins, clouds: <c>flannel</c>,
/// <c>aws-vpc-cni</c>, <c>kube-proxy</c>, <c>nodelocaldns</c>, <c>6443</c>), each as one bit of a set, so that
/// re-ranking can ask how many of the things a question names a section speaks of. A subject counts once however often
/// it is named and whatever it weighs: "calico" and "wireguard" in a question are two things asked about, where the
/// question's weighted units let one rare word outweigh the plugin it is about.
/// </summary>
/// <remarks>
/// A subject is found as whole words, case ignored: its parts (split at <c>-</c>, <c>_</c>, <c>.</c>) in a row, each
/// pair joined by one such character or a space (<c>kube-proxy</c>, <c>kube proxy</c>, <c>kube_proxy</c>), or run
/// together (<c>kubeproxy</c>). A subject written in Chinese (双栈) is found anywhere in the text, which has no spaces.
/// The list is the knowledge's own: a maintainer who tags a document teaches the search a subject.
/// </remarks>
internal sealed class SubjectMatcher
{
    private readonly Dictionary<string, List<(string[] Parts, int Id)>> byFirstPart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string[] Parts, int Id)>>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<(string Text, int Id)> hanSubjects = [];

    public SubjectMatcher(IEnumerable<string> subjects)
    {
        lookup = byFirstPart.GetAlternateLookup<ReadOnlySpan<char>>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in subjects)
        {
            var subject = raw.Trim().ToLowerInvariant();
            if (subject.Length == 0 || ids.ContainsKey(subject))
            {
                continue;
            }

            var id = ids.Count;
            ids[subject] = id;
            if (subject.Any(CharClasses.IsHan))
            {
                hanSubjects.Add((subject, id));
                continue;
            }

            var parts = subject.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Any(p => !p.All(char.IsAsciiLetterOrDigit)))
            {
                continue;
            }

            Add(parts, id);
            if (parts.Length > 1)
            {
                Add([string.Concat(parts)], id);
            }
        }

        Count = ids.Count;
        Words = (Count + 63) / 64;
    }

    /// <summary>How many subjects there are.</summary>
    public int Count { get; }

    /// <summary>The length of a set, in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>A matcher of the subjects every document of <paramref name="knowledge"/> declares.</summary>
    public static SubjectMatcher For(KnowledgeBase knowledge) => new(DeclaredBy(knowledge));

    /// <summary>What the documents say they are about: their front matter's tags, plugins and clouds, as written.</summary>
    public static IEnumerable<string> DeclaredBy(KnowledgeBase knowledge) =>
        knowledge.Documents.SelectMany(d => d.Tags.Concat(d.Plugins).Concat(d.Clouds));

    /// <summary>The subjects <paramref name="text"/> names, one bit each.</summary>
    public ulong[] Find(string text)
    {
        var set = new ulong[Words];
        if (Count == 0)
        {
            return set;
        }

        var lower = text.ToLowerInvariant();
        foreach (var (subject, id) in hanSubjects)
        {
            if (lower.Contains(subject, StringComparison.Ordinal))
            {
                set[id >> 6] |= 1UL << id;
            }
        }

        // Whole words: maximal runs of ASCII letters and digits, with where each starts and ends.
        var words = new List<(int Start, int End)>();
        for (var i = 0; i < lower.Length;)
        {
            if (!char.IsAsciiLetterOrDigit(lower[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < lower.Length && char.IsAsciiLetterOrDigit(lower[i]))
            {
                i++;
            }

            words.Add((start, i));
        }

        for (var w = 0; w < words.Count; w++)
        {
            if (!lookup.TryGetValue(lower.AsSpan(words[w].Start, words[w].End - words[w].Start), out var candidates))
            {
                continue;
            }

            foreach (var (parts, id) in candidates)
            {
                if (Follows(lower, words, w, parts))
                {
                    set[id >> 6] |= 1UL << id;
                }
            }
        }

        return set;
    }

    /// <summary>The share of the subjects in <paramref name="asked"/> that <paramref name="held"/> also has; 0 when
    /// nothing is asked.</summary>
    public static double Share(ulong[] asked, ulong[] held)
    {
        int total = 0, both = 0;
        for (var i = 0; i < asked.Length; i++)
        {
            total += BitOperations.PopCount(asked[i]);
            both += BitOperations.PopCount(asked[i] & held[i]);
        }

        return total == 0 ? 0 : (double)both / total;
    }

    private void Add(string[] parts, int id)
    {
        if (!byFirstPart.TryGetValue(parts[0], out var list))
        {
            byFirstPart[parts[0]] = list = [];
        }

        list.Add((parts, id));
    }

    /// <summary>Whether the words from <paramref name="first"/> on are <paramref name="parts"/>, each joined to the
    /// next by one separator.</summary>
    private static bool Follows(string text, List<(int Start, int End)> words, int first, string[] parts)
    {
        if (first + parts.Length > words.Count)
        {
            return false;
        }

        for (var p = 1; p < parts.Length; p++)
        {
            var (start, end) = words[first + p];
            var gap = start - words[first + p - 1].End;
            if (gap != 1 || text[start - 1] is not ('-' or '_' or '.' or ' ') || !text.AsSpan(start, end - start).SequenceEqual(parts[p]))
            {
                return false;
            }
        }

        return true;
    }
}
