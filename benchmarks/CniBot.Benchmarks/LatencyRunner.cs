using System.Diagnostics;
using System.Globalization;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Benchmarks;

/// <summary>
/// Times single operations one by one and reports their percentiles. BenchmarkDotNet's statistics are over
/// iteration means, which hide the tail; a p99 target needs every search timed on its own.
/// </summary>
internal static class LatencyRunner
{
    public static void Run(int sections, int searches, TextWriter output)
    {
        var folder = sections == 0 ? Paths.Knowledge : Paths.Corpus(sections);
        var label = sections == 0 ? "knowledge/" : $"{sections:N0} generated sections";

        // Build three times and keep the best: the first build also pays for JIT and SmartCn's dictionary load.
        var builds = new List<double>();
        LuceneKnowledgeIndex? index = null;
        for (var i = 0; i < 3; i++)
        {
            index?.Dispose();
            var watch = Stopwatch.StartNew();
            // The answer cache is off: every timed search must really search.
            index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(folder), new SearchOptions { AnswerCacheEntries = 0 });
            builds.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {index!.Knowledge.Sections.Count} sections; load + index build: first {builds[0]:F0} ms, best {builds.Min():F0} ms"));
        var sets = new List<(string Name, string[] Questions)> { ("en", Questions.English), ("zh", Questions.Chinese), ("mixed", Questions.Mixed) };
        sets.AddRange(Questions.Real.Select(r => ($"real {r.Key}", r.Value)));
        foreach (var (name, questions) in sets)
        {
            for (var i = 0; i < 500; i++)
            {
                index.Search(questions[i % questions.Length]);
            }

            var times = new double[searches];
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < searches; i++)
            {
                var watch = Stopwatch.StartNew();
                index.Search(questions[i % questions.Length]);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Array.Sort(times);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  search {name,-13} n={searches}: p50 {Percentile(times, 0.50):F3} ms, p99 {Percentile(times, 0.99):F3} ms, max {times[^1]:F3} ms, allocated {allocated / 1024.0 / searches:F0} KB per search"));
        }

        index.Dispose();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
