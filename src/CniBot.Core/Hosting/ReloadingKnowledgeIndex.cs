using System.Diagnostics;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using Microsoft.Extensions.Logging;

namespace CniBot.Hosting;

/// <summary>
/// The knowledge index of a running bot: loaded once, then rebuilt in the background whenever a file under the
/// knowledge folder changes (after a quiet period, so that a burst of saves makes one reload), and swapped in
/// atomically. Questions already under way finish on the index they started on.
/// </summary>
public sealed partial class ReloadingKnowledgeIndex(string directory, SearchOptions options, TimeSpan debounce, ILogger<ReloadingKnowledgeIndex> logger)
    : IKnowledgeIndex, IDisposable
{
    private static readonly string[] WatchedExtensions = [".md", ".yaml", ".yml"];

    private readonly Lock reloadGate = new();
    private LuceneKnowledgeIndex? current;
    private FileSystemWatcher? watcher;
    private Timer? debounceTimer;
    private bool disposed;

    /// <summary>Raised after every load attempt, successful or not (for logs and metrics).</summary>
    public event Action<ReloadOutcome>? Reloaded;

    public string Directory { get; } = directory;

    /// <summary>True once an index has been built: the bot can answer.</summary>
    public bool IsReady => Volatile.Read(ref current) is not null;

    public KnowledgeBase Knowledge => (Volatile.Read(ref current) ?? throw NotReady()).Knowledge;

    public SearchResult Search(string? question, int top = 3, int answers = int.MaxValue)
    {
        while (true)
        {
            var index = Volatile.Read(ref current) ?? throw NotReady();
            try
            {
                return index.Search(question, top, answers);
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(index, Volatile.Read(ref current)))
            {
                // Retired by a reload between reading the reference and searching: use the new index.
            }
        }
    }

    /// <summary>Loads the knowledge now and swaps the new index in; on failure the old one keeps serving.</summary>
    public ReloadOutcome Reload()
    {
        lock (reloadGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var watch = Stopwatch.StartNew();
            var previous = Volatile.Read(ref current);
            ReloadOutcome outcome;
            try
            {
                var knowledge = KnowledgeLoader.Load(Directory, previous?.Knowledge);
                var index = LuceneKnowledgeIndex.Build(knowledge, options);
                Volatile.Write(ref current, index);
                previous?.Dispose();
                outcome = new ReloadOutcome(knowledge.Diagnostics.Count == 0, knowledge.Sections.Count, knowledge.Diagnostics, watch.Elapsed);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcome = new ReloadOutcome(false, previous?.Knowledge.Sections.Count ?? 0, [], watch.Elapsed, e);
            }

            Report(outcome);
            return outcome;
        }
    }

    /// <summary>Starts watching the folder; changes trigger a reload after the debounce period.</summary>
    public void StartWatching()
    {
        lock (reloadGate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (watcher is not null)
            {
                return;
            }

            debounceTimer = new Timer(_ => ReloadInBackground(), null, Timeout.Infinite, Timeout.Infinite);
            watcher = new FileSystemWatcher(Directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.Error += (_, _) => Schedule(); // The change buffer overflowed: some events were lost, so reload.
            watcher.EnableRaisingEvents = true;
        }
    }

    public void Dispose()
    {
        lock (reloadGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            watcher?.Dispose();
            debounceTimer?.Dispose();
            Volatile.Read(ref current)?.Dispose();
        }
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        // Editors write swap and backup files beside the real one; only knowledge files matter.
        var relevant = WatchedExtensions.Contains(Path.GetExtension(change.FullPath), StringComparer.OrdinalIgnoreCase)
            || (change is RenamedEventArgs renamed && WatchedExtensions.Contains(Path.GetExtension(renamed.OldFullPath), StringComparer.OrdinalIgnoreCase))
            || System.IO.Directory.Exists(change.FullPath);
        if (relevant)
        {
            Schedule();
        }
    }

    private void Schedule()
    {
        try
        {
            debounceTimer?.Change(debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private void ReloadInBackground()
    {
        try
        {
            Reload();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private void Report(ReloadOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            LogReloadFailed(logger, Directory, outcome.Error);
        }
        else
        {
            LogLoaded(logger, outcome.Sections, Directory, outcome.Duration.TotalMilliseconds, outcome.Diagnostics.Count);
        }

        foreach (var diagnostic in outcome.Diagnostics)
        {
            LogProblem(logger, diagnostic.ToString());
        }

        Reloaded?.Invoke(outcome);
    }

    private static InvalidOperationException NotReady() => new("the knowledge index is not loaded yet");

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Knowledge loaded: {Sections} sections from {Directory} in {ElapsedMs:0} ms, {Problems} problem(s)")]
    private static partial void LogLoaded(ILogger logger, int sections, string directory, double elapsedMs, int problems);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Knowledge reload from {Directory} failed; the previous index keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, string directory, Exception error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Knowledge problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
