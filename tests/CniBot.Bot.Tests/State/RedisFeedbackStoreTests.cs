using CniBot.Feedback;
using CniBot.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Tests.State;

/// <summary>The shared feedback list against a real, private redis-server on 127.0.0.1.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class RedisFeedbackStoreTests(RedisStorageContractTests.Server server) : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task List_KeepsTheNewestRecords_AndNeverExpires()
    {
        // About trimming, not outages: on a loaded 2-core CI machine one push once outlasted the product's 2 s timeout
        // and went, as designed, to the local file, which ReadAllAsync merges in.
        var options = new StorageOptions { Redis = server.Redis.PatientConnectionString, KeyPrefix = $"t{Guid.NewGuid():N}:" };
        using var connection = new RedisConnection(options);
        using var local = new JsonLinesFeedbackStore(data.Root);
        var store = new RedisFeedbackStore(connection, local, maxRecords: 5);
        var start = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync(new FeedbackRecord { Time = start.AddMinutes(i), Kind = FeedbackKind.Unanswered, Question = $"q{i}" });
        }

        Assert.Equal(["q7", "q8", "q9", "q10", "q11"], (await store.ReadAllAsync()).Select(r => r.Question));
        Assert.Equal(5, await connection.Database.ListLengthAsync(options.KeyPrefix + "feedback"));
        Assert.Null(await connection.Database.KeyTimeToLiveAsync(options.KeyPrefix + "feedback"));
    }

    public void Dispose() => data.Dispose();
}
