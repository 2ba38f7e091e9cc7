using BenchmarkDotNet.Attributes;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Benchmarks;

/// <summary>One search (with snippets of the top 3 hits), by question language, on the real and a 10,000-section corpus.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private LuceneKnowledgeIndex index = null!;
    private int next;

    [Params(0, 10_000)]
    public int Sections { get; set; }

    [GlobalSetup]
    public void Setup() => index = LuceneKnowledgeIndex.Build(
        KnowledgeLoader.Load(Sections == 0 ? Paths.Knowledge : Paths.Corpus(Sections)),
        new SearchOptions { AnswerCacheEntries = 0 }); // Every call must really search.

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark]
    public bool English() => index.Search(Questions.English[next++ % Questions.English.Length]).Answered;

    [Benchmark]
    public bool Chinese() => index.Search(Questions.Chinese[next++ % Questions.Chinese.Length]).Answered;

    [Benchmark]
    public bool Mixed() => index.Search(Questions.Mixed[next++ % Questions.Mixed.Length]).Answered;
}
