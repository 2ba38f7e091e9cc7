using System.Diagnostics;
using System.Globalization;
using CniBot.Hosting;
using CniBot.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Benchmarks;

/// <summary>
/// How long after an edit a running bot answers from it: a copy of the real knowledge is watched with the default
/// debounce, a new section is written, and the time until a search finds it is measured, several times.
/// </summary>
internal static class ReloadRunner
{
    public static void Run(int rounds, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cnibot-reload-bench", Guid.NewGuid().ToString("N"));
        CopyDirectory(Paths.Knowledge, folder);
        var debounce = TimeSpan.FromMilliseconds(new Knowledge.KnowledgeOptions().ReloadDebounceMilliseconds);
        using var index = new ReloadingKnowledgeIndex(folder, new SearchOptions { AnswerCacheEntries = 0 }, debounce, NullLogger<ReloadingKnowledgeIndex>.Instance);
        index.Reload();
        index.StartWatching();
        var afterDebounce = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var word = $"zebrafish{round}";
            var watch = Stopwatch.StartNew();
            File.WriteAllText(Path.Combine(folder, "en", "reload-probe.md"),
                $"---\nid: reload-probe\nlang: en\n---\n# Probe\n\nIntro.\n\n## What is {word}?\n\n{word} is a probe for the reload benchmark.\n");
            while (!index.Search($"What is {word}?").Answered)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("the edit never became searchable");
                }

                Thread.Sleep(5);
            }

            afterDebounce.Add((watch.Elapsed - debounce).TotalMilliseconds);
            Thread.Sleep(200);
        }

        afterDebounce.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reload: an edit of knowledge/ is searchable {afterDebounce[afterDebounce.Count / 2]:F0} ms (median), {afterDebounce[^1]:F0} ms (max) after the {debounce.TotalMilliseconds:F0} ms debounce, over {rounds} edits"));
        Directory.Delete(folder, recursive: true);
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
