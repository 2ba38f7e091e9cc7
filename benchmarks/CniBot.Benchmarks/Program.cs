using System.Globalization;
using BenchmarkDotNet.Running;
using CniBot.Benchmarks;

// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- latency [sections...]   per-search percentiles
// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- reload [rounds]                  edit-to-searchable time
// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- [BenchmarkDotNet arguments] e.g. --filter '*' --inProcess
//   (--inProcess: BenchmarkDotNet's generated project cannot restore the Bot Framework without the AdaptiveCards prune)
if (args.Length > 0 && args[0] == "reload")
{
    ReloadRunner.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10, Console.Out);
    return 0;
}

// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- corpus <sections> <folder>    write a generated corpus
if (args.Length == 3 && args[0] == "corpus")
{
    Console.WriteLine(CorpusGenerator.Generate(Paths.Knowledge, int.Parse(args[1], CultureInfo.InvariantCulture), args[2]));
    return 0;
}

// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- rerank-features <set.yaml> [<knowledge folder>]
// features for fit-rerank.py, over the repository's knowledge or another folder
if (args.Length is 2 or 3 && args[0] == "rerank-features")
{
    RerankFeatureDump.Run(args[1], Console.Out, args.Length == 3 ? args[2] : null);
    return 0;
}

// dotnet run -c Release --project benchmarks/CniBot.Benchmarks -- allocations        what a real search allocates, by type
if (args.Length > 0 && args[0] == "allocations")
{
    AllocationRunner.Run(Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == "latency")
{
    var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).ToArray();
    foreach (var size in sizes.Length == 1 && args.Length == 1 ? [0, 10_000] : sizes)
    {
        LatencyRunner.Run(size, searches: 5_000, Console.Out);
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(IndexBenchmarks).Assembly).Run(args);
return 0;
