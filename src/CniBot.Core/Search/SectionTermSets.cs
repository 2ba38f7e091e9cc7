using System.Collections.Concurrent;

namespace CniBot.Search;

/// <summary>
/// Which sections hold a unit of a question (anywhere, or in their heading path and document title), one bit per
/// section, read once from the unit's postings and kept for the life of the index snapshot. Re-ranking and confidence
/// ask "does this section hold this unit" for a dozen candidates, their counterparts in the other language and a dozen
/// units per question, and the same words recur from one question to the next: a bit test replaces a postings seek
/// per section, field and unit.
/// </summary>
/// <remarks>
/// The sets together stay within <see cref="MemoryBudget"/> bytes: once it is reached, further sets are computed for
/// the search that needs them and not kept.
/// </remarks>
internal sealed class SectionTermSets
{
    internal const long MemoryBudget = 8L * 1024 * 1024;

    private static readonly string[] WordHeadingFields = [IndexFields.EnHeading, IndexFields.EnTitle, IndexFields.ZhHeading, IndexFields.ZhTitle];
    private static readonly string[] ConceptFields = [IndexFields.ConceptText, IndexFields.ConceptHeading];
    private static readonly string[] ConceptHeadingFields = [IndexFields.ConceptHeading];

    private readonly ConcurrentDictionary<(bool HeadingOnly, bool IsConcept, string Term), ulong[]> sets = new();
    private readonly int[] sectionOfDoc;
    private readonly int words;
    private readonly int capacity;

    /// <param name="sectionOfDoc">The section of each indexed passage.</param>
    /// <param name="sectionCount">How many sections there are.</param>
    /// <param name="memoryBudget">The bytes the kept sets may take (each costs its bits and about 64 bytes of
    /// bookkeeping).</param>
    public SectionTermSets(int[] sectionOfDoc, int sectionCount, long memoryBudget = MemoryBudget)
    {
        this.sectionOfDoc = sectionOfDoc;
        words = (sectionCount + 63) / 64;
        capacity = (int)Math.Min(int.MaxValue, memoryBudget / ((words * sizeof(ulong)) + 64));
    }

    /// <summary>How many sets are kept.</summary>
    public int Count => sets.Count;

    /// <summary>Whether the section holds the unit: in any passage, its heading path or its document's title; with
    /// <paramref name="headingOnly"/>, in its heading path or title.</summary>
    public bool Holds(int section, QueryUnit unit, bool headingOnly, TermLookup terms)
    {
        var key = (headingOnly, unit.IsConcept, unit.Term);
        if (!sets.TryGetValue(key, out var bits))
        {
            bits = new ulong[words];
            var fields = (unit.IsConcept, headingOnly) switch
            {
                (true, false) => ConceptFields,
                (true, true) => ConceptHeadingFields,
                (false, false) => IndexFields.WordFields,
                (false, true) => WordHeadingFields,
            };
            foreach (var field in fields)
            {
                terms.MarkAll(field, unit.Term, sectionOfDoc, bits);
            }

            if (sets.Count < capacity)
            {
                sets.TryAdd(key, bits);
            }
        }

        return (bits[section >> 6] & (1UL << (section & 63))) != 0;
    }
}
