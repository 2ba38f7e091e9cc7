using CniBot.Feedback;
using CniBot.Redis;

namespace CniBot.Tests.State;

/// <summary>
/// One contract for every <see cref="IFeedbackStore"/>: the data folder's JSON-lines file (one process) and the
/// shared Redis list (replicas) keep every record whole, in order, whatever its text.
/// </summary>
public abstract class FeedbackStoreContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    protected abstract IFeedbackStore Store { get; }

    [Fact]
    public async Task Empty_ReadsNothing() => Assert.Empty(await Store.ReadAllAsync());

    [Fact]
    public async Task Records_RoundTripEveryField_OldestFirst()
    {
        var rating = new FeedbackRecord
        {
            Time = Start.AddMinutes(1), Kind = FeedbackKind.Rating, Question = "Which MTU for Calico VXLAN?", Language = "en",
            Section = "knowledge/en/calico.md#mtu", Helpful = false, Channel = "msteams",
        };
        var unanswered = new FeedbackRecord { Time = Start, Kind = FeedbackKind.Unanswered, Question = "怎么配置 Kafka？", Language = "zh", Confidence = 0.12, Channel = "slack" };

        await Store.AppendAsync(rating);
        await Store.AppendAsync(unanswered);

        Assert.Equal([unanswered, rating], await Store.ReadAllAsync());
    }

    [Theory]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("{\"kind\":\"rating\"} \\ \" ' `")]
    [InlineData("中文 🔑 ключ \u2028 separators \u2029")]
    public async Task AnyText_StaysOneRecord(string question)
    {
        await Store.AppendAsync(new FeedbackRecord { Time = Start, Kind = FeedbackKind.Unanswered, Question = question });
        await Store.AppendAsync(new FeedbackRecord { Time = Start.AddSeconds(1), Kind = FeedbackKind.Unanswered, Question = "after" });

        Assert.Equal([question, "after"], (await Store.ReadAllAsync()).Select(r => r.Question));
    }

    [Fact]
    public async Task AForgedHugeQuestion_IsKeptAtItsBound()
    {
        await Store.AppendAsync(new FeedbackRecord { Time = Start, Kind = FeedbackKind.Rating, Question = new string('x', 60_000), Section = new string('s', 5_000), Helpful = true });

        var record = Assert.Single(await Store.ReadAllAsync());
        Assert.Equal(FeedbackRecord.MaxQuestion, record.Question!.Length);
        Assert.Equal(FeedbackRecord.MaxField, record.Section!.Length);
    }

    [Fact]
    public async Task ConcurrentAppends_AreAllKept()
    {
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Store.AppendAsync(new FeedbackRecord { Time = Start.AddMilliseconds(i), Kind = FeedbackKind.Unanswered, Question = $"q{i}" }))));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"q{i}"), (await Store.ReadAllAsync()).Select(r => r.Question).Order(StringComparer.Ordinal).OrderBy(q => q!.Length));
    }
}

public sealed class JsonLinesFeedbackStoreContractTests : FeedbackStoreContractTests, IDisposable
{
    private readonly TempFolder data = new();
    private readonly JsonLinesFeedbackStore store;

    public JsonLinesFeedbackStoreContractTests() => store = new JsonLinesFeedbackStore(data.Root);

    protected override IFeedbackStore Store => store;

    public void Dispose()
    {
        store.Dispose();
        data.Dispose();
    }
}

[Collection(SharedRedisServer.Name)]
public sealed class RedisFeedbackStoreContractTests : FeedbackStoreContractTests, IDisposable
{
    private readonly TempFolder data = new();
    private readonly RedisConnection connection;
    private readonly JsonLinesFeedbackStore fallback;

    public RedisFeedbackStoreContractTests(RedisStorageContractTests.Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        // A key prefix per test: the server is shared by the collection.
        connection = new RedisConnection(new StorageOptions { Redis = server.Redis.PatientConnectionString, KeyPrefix = $"t{Guid.NewGuid():N}:" });
        fallback = new JsonLinesFeedbackStore(data.Root);
        Store = new RedisFeedbackStore(connection, fallback);
    }

    protected override IFeedbackStore Store { get; }

    public void Dispose()
    {
        connection.Dispose();
        fallback.Dispose();
        data.Dispose();
    }
}
