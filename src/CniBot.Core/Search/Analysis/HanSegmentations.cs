using System.Collections.Concurrent;

namespace CniBot.Search.Analysis;

/// <summary>
/// The segmentations of the Han runs met while one index is built, so that each distinct run is segmented once.
/// </summary>
/// <remarks>
/// Building an index analyses most Chinese text more than once: a passage for its concepts and again for its words,
/// a section's heading path and its document's title once for every passage of the section. SmartCn's HMM segmenter
/// is the costly step of that analysis; its output depends on the run alone, so it is kept here, keyed by the run,
/// for the length of one build and dropped with it. Never given to the analyzer that serves questions: that would
/// be a cache of what users ask, growing with every question.
/// </remarks>
internal sealed class HanSegmentations
{
    private readonly ConcurrentDictionary<string, Segment[]> runs = new(StringComparer.Ordinal);

    public int Count => runs.Count;

    public bool TryGet(string run, out Segment[] segments) => runs.TryGetValue(run, out segments!);

    public void Add(string run, Segment[] segments) => runs.TryAdd(run, segments);

    /// <summary>A word of a run: its text and where it starts and ends in the run.</summary>
    internal readonly record struct Segment(string Text, int Start, int End);
}
