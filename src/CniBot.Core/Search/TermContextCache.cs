using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace CniBot.Search;

/// <summary>
/// The term states of one index, shared by all its searches: a question's hundreds of (field, term) lookups mostly
/// repeat the ones earlier questions made (the knowledge's vocabulary is small), and seeking them in the terms
/// dictionary again was an eighth of a search's time. The index never changes once built, and a
/// <see cref="TermContext"/> is only read after it is registered (a TermQuery copies the state it seeks with), so the
/// states can be shared between threads.
/// </summary>
/// <remarks>
/// Questions bring words the knowledge has never seen, so the cache is bounded: past <see cref="Capacity"/> entries a
/// term is looked up per search as before, never remembered.
/// </remarks>
internal sealed class TermContextCache(int capacity = TermContextCache.DefaultCapacity)
{
    internal const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<(string Field, string Term), TermContext?> contexts = new();

    /// <summary>The entries added; counted here because ConcurrentDictionary.Count takes every lock of the map.</summary>
    private int count;

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref count);

    public bool TryGet(string field, string term, out TermContext? context) => contexts.TryGetValue((field, term), out context);

    /// <summary>Remembers a lookup's result, or not when the cache is full.</summary>
    public void Add(string field, string term, TermContext? context)
    {
        // Concurrent adds may pass the check together and overshoot the capacity by a few entries, never more than
        // the number of threads searching.
        if (Volatile.Read(ref count) < Capacity && contexts.TryAdd((field, term), context))
        {
            Interlocked.Increment(ref count);
        }
    }
}
