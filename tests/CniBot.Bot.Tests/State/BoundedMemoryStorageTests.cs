using CniBot.Bot.BotFramework.State;
using CniBot.Redis;

namespace CniBot.Tests.State;

public sealed class BoundedMemoryStorageTests
{
    [Fact]
    public async Task ManyConversations_KeepOnlyTheMostRecent_UpToTheCapacity()
    {
        var storage = new BoundedMemoryStorage(capacity: 1000, timeToLive: TimeSpan.FromDays(7));

        for (var i = 0; i < 18_000; i++)
        {
            await storage.WriteAsync(new Dictionary<string, object> { [$"webchat/conversations/c{i}/"] = new StorageContractTests.Sample { Count = i } });
        }

        Assert.Equal(1000, storage.Count);
        Assert.Empty(await storage.ReadAsync(["webchat/conversations/c0/", "webchat/conversations/c16999/"]));
        Assert.Equal(17_999, Assert.IsType<StorageContractTests.Sample>((await storage.ReadAsync(["webchat/conversations/c17999/"]))["webchat/conversations/c17999/"]).Count);
    }

    [Fact]
    public async Task ReadingAConversation_KeepsIt_TheLeastRecentlyUsedGoes()
    {
        var storage = new BoundedMemoryStorage(capacity: 3, timeToLive: TimeSpan.FromDays(7));
        await Write(storage, "a", "b", "c");

        await storage.ReadAsync(["a"]);
        await Write(storage, "d");

        Assert.Equal(["a", "c", "d"], (await storage.ReadAsync(["a", "b", "c", "d"])).Keys.Order());
    }

    [Fact]
    public async Task IdleConversations_AreDropped_AfterTheTimeToLive()
    {
        var clock = new ManualClock();
        var storage = new BoundedMemoryStorage(capacity: 100, timeToLive: TimeSpan.FromHours(1), clock);
        await Write(storage, "old");
        clock.Advance(TimeSpan.FromMinutes(50));
        await Write(storage, "recent");
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(["recent"], (await storage.ReadAsync(["old", "recent"])).Keys);
        Assert.Equal(1, storage.Count);
    }

    [Fact]
    public async Task Delete_ForgetsTheKey()
    {
        var storage = new BoundedMemoryStorage(new StorageOptions { MemoryStateEntries = 10 });
        await Write(storage, "a", "b");

        await storage.DeleteAsync(["a"]);

        Assert.Equal(1, storage.Count);
        Assert.Empty(await storage.ReadAsync(["a"]));
    }

    private static Task Write(BoundedMemoryStorage storage, params string[] keys) =>
        storage.WriteAsync(keys.ToDictionary(k => k, object (_) => new StorageContractTests.Sample { Name = "x" }));

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
