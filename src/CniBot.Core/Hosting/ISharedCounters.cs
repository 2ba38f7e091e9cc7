using System.Collections.Concurrent;

namespace CniBot.Hosting;

/// <summary>
/// Counters every replica must agree on: "has this Slack event been taken?" and "how many turns has this user had
/// this minute?". In this process by default; in Redis when several replicas run.
/// </summary>
public interface ISharedCounters
{
    /// <summary>True for the first caller with this key within the window, false for every later one.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan window);

    /// <summary>Gives a claim back (the work it guarded could not be taken on, so a retry must get it).</summary>
    Task ReleaseAsync(string key);

    /// <summary>Adds one to the key's count in the current fixed window and returns the count.</summary>
    Task<long> IncrementAsync(string key, TimeSpan window);
}

/// <summary>The one-process <see cref="ISharedCounters"/>: exact, and forgotten on restart.</summary>
public sealed class MemorySharedCounters(TimeProvider time) : ISharedCounters
{
    private const int PruneEvery = 1024;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private int operations;

    public Task<bool> TryClaimAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var claimed = false;
        entries.AddOrUpdate(
            key,
            _ => { claimed = true; return new Entry(1, now + window); },
            (_, old) =>
            {
                claimed = old.Expires <= now;
                return claimed ? new Entry(1, now + window) : old;
            });
        Prune(now);
        return Task.FromResult(claimed);
    }

    public Task ReleaseAsync(string key)
    {
        entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<long> IncrementAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var entry = entries.AddOrUpdate(
            key,
            _ => new Entry(1, now + window),
            (_, old) => old.Expires <= now ? new Entry(1, now + window) : old with { Count = old.Count + 1 });
        Prune(now);
        return Task.FromResult(entry.Count);
    }

    private void Prune(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref operations) % PruneEvery != 0)
        {
            return;
        }

        foreach (var (key, entry) in entries)
        {
            if (entry.Expires <= now)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed record Entry(long Count, DateTimeOffset Expires);
}
