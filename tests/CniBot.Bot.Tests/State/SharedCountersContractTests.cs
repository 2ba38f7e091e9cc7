using CniBot.Hosting;
using CniBot.Redis;

namespace CniBot.Tests.State;

/// <summary>
/// One contract for every <see cref="ISharedCounters"/>: in the process (one replica) and in Redis (several), a claim
/// is had once per window and can be given back, and counts start again with each window.
/// </summary>
public abstract class SharedCountersContractTests
{
    /// <summary>Short, so that a window passes within the test; long enough for a loaded machine's round trips.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(400);

    protected abstract ISharedCounters Counters { get; }

    private static string Key(string name) => $"{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task AClaim_IsHadOnce_UntilReleased()
    {
        var key = Key("claim");

        Assert.True(await Counters.TryClaimAsync(key, TimeSpan.FromMinutes(5)));
        Assert.False(await Counters.TryClaimAsync(key, TimeSpan.FromMinutes(5)));
        await Counters.ReleaseAsync(key);
        Assert.True(await Counters.TryClaimAsync(key, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task AClaim_LapsesWithItsWindow()
    {
        var key = Key("lapse");

        Assert.True(await Counters.TryClaimAsync(key, Window));
        await Task.Delay(Window * 2.5);
        Assert.True(await Counters.TryClaimAsync(key, Window));
    }

    [Fact]
    public async Task ConcurrentClaims_OnlyOneWins()
    {
        var key = Key("race");

        var wins = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => Counters.TryClaimAsync(key, TimeSpan.FromMinutes(5)))));

        Assert.Single(wins, won => won);
    }

    [Fact]
    public async Task Counts_AreExactPerKey_AndStartAgainWithTheNextWindow()
    {
        var (a, b) = (Key("a"), Key("b"));

        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Counters.IncrementAsync(a, TimeSpan.FromMinutes(5)))));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), counts.Order());
        Assert.Equal(1, await Counters.IncrementAsync(b, TimeSpan.FromMinutes(5)));

        var c = Key("c");
        Assert.Equal(1, await Counters.IncrementAsync(c, Window));
        Assert.Equal(2, await Counters.IncrementAsync(c, Window));
        await Task.Delay(Window * 2.5);
        Assert.Equal(1, await Counters.IncrementAsync(c, Window));
    }
}

public sealed class MemorySharedCountersContractTests : SharedCountersContractTests
{
    protected override ISharedCounters Counters { get; } = new MemorySharedCounters(TimeProvider.System);
}

[Collection(SharedRedisServer.Name)]
public sealed class RedisSharedCountersContractTests : SharedCountersContractTests, IDisposable
{
    private readonly RedisConnection connection;

    public RedisSharedCountersContractTests(RedisStorageContractTests.Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        connection = new RedisConnection(new StorageOptions { Redis = server.Redis.PatientConnectionString });
        Counters = new RedisSharedCounters(connection);
    }

    protected override ISharedCounters Counters { get; }

    public void Dispose() => connection.Dispose();
}
