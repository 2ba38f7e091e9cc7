using System.Diagnostics.Tracing;
using System.Globalization;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Benchmarks;

/// <summary>
/// What a search allocates, by type: the runtime's allocation ticks (one event per about 100 KB allocated, naming the
/// type that crossed the mark) over searches of every real question, answer cache off. A sample, not a census, but
/// stable enough to say where the garbage a real search leaves comes from.
/// </summary>
internal static class AllocationRunner
{
    public static void Run(TextWriter output, int rounds = 3)
    {
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Paths.Knowledge), new SearchOptions { AnswerCacheEntries = 0 });
        var questions = Questions.Real.SelectMany(r => r.Value).ToArray();
        foreach (var question in questions)
        {
            index.Search(question, 3, 1);
        }

        using var listener = new AllocationTicks();
        var before = GC.GetAllocatedBytesForCurrentThread();
        listener.Recording = true;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                // As the chat asks: three sections, one answer passage.
                index.Search(question, 3, 1);
            }
        }

        listener.Recording = false;
        var searches = rounds * questions.Length;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{searches} searches of real questions on knowledge/: {allocated / 1024.0 / searches:F0} KB allocated per search"));
        var sampled = Math.Max(1, listener.ByType.Values.Sum());
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(p => p.Value).Take(25))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytes / sampled,5:F1} %  {type}"));
        }
    }

    /// <summary>The runtime's GCAllocationTick events, summed by type while <see cref="Recording"/>.</summary>
    private sealed class AllocationTicks : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public Dictionary<string, long> ByType { get; } = new(StringComparer.Ordinal);

        public volatile bool Recording;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var bytes = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (ByType)
            {
                ByType[type] = ByType.GetValueOrDefault(type) + bytes;
            }
        }
    }
}
