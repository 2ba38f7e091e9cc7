using CniBot.Redis;
using Microsoft.Bot.Builder;

namespace CniBot.Bot.BotFramework.State;

/// <summary>
/// In-process Bot Framework state that cannot grow without end: <see cref="MemoryStorage"/>'s contract (values
/// round-trip through JSON, <see cref="IStoreItem"/> ETags) with at most <see cref="Capacity"/> keys, the least
/// recently used dropped first, and a key idle for longer than the time to live dropped when next seen or when it
/// reaches the end of the line. The stock store kept every conversation ever seen: 18,000 new conversations held
/// 137 MB for the life of the process.
/// </summary>
public sealed class BoundedMemoryStorage : IStorage
{
    private readonly MemoryStorage inner = new();
    private readonly TimeSpan timeToLive;
    private readonly TimeProvider time;
    private readonly Lock gate = new();

    /// <summary>Keys by last use, most recent first.</summary>
    private readonly LinkedList<(string Key, DateTimeOffset Used)> recency = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, DateTimeOffset Used)>> nodes = new(StringComparer.Ordinal);

    public BoundedMemoryStorage(int capacity, TimeSpan timeToLive, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        Capacity = capacity;
        this.timeToLive = timeToLive;
        this.time = time ?? TimeProvider.System;
    }

    public BoundedMemoryStorage(StorageOptions options, TimeProvider? time = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).MemoryStateEntries, options.StateTimeToLive, time)
    {
    }

    public int Capacity { get; }

    /// <summary>How many keys are held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return nodes.Count;
            }
        }
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await inner.DeleteAsync(Expired(), cancellationToken);
        var found = await inner.ReadAsync(keys, cancellationToken);
        Touch(found.Keys);
        return found;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await inner.WriteAsync(changes, cancellationToken);
        var dropped = Touch(changes.Keys);
        await inner.DeleteAsync([.. dropped, .. Expired()], cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await inner.DeleteAsync(keys, cancellationToken);
        lock (gate)
        {
            foreach (var key in keys)
            {
                Forget(key);
            }
        }
    }

    /// <summary>Marks keys as just used; returns the least recently used ones beyond the capacity, forgotten.</summary>
    private List<string> Touch(IEnumerable<string> keys)
    {
        var now = time.GetUtcNow();
        var dropped = new List<string>();
        lock (gate)
        {
            foreach (var key in keys)
            {
                Forget(key);
                nodes[key] = recency.AddFirst((key, now));
            }

            while (nodes.Count > Capacity)
            {
                dropped.Add(recency.Last!.Value.Key);
                Forget(recency.Last.Value.Key);
            }
        }

        return dropped;
    }

    /// <summary>The keys idle for longer than the time to live (the end of the line), forgotten.</summary>
    private string[] Expired()
    {
        var cutoff = time.GetUtcNow() - timeToLive;
        var expired = new List<string>();
        lock (gate)
        {
            while (recency.Last is { } last && last.Value.Used < cutoff)
            {
                expired.Add(last.Value.Key);
                Forget(last.Value.Key);
            }
        }

        return [.. expired];
    }

    private void Forget(string key)
    {
        if (nodes.Remove(key, out var node))
        {
            recency.Remove(node);
        }
    }
}
