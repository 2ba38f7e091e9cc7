using CniBot.Bot.BotFramework.State;
using CniBot.Hosting;
using CniBot.Redis;
using CniBot.Diagnosis.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace CniBot.Tests.State;

/// <summary>
/// One contract for every <see cref="IStorage"/> CniBot runs on: <see cref="BoundedMemoryStorage"/> (the default),
/// the Bot Framework's <see cref="MemoryStorage"/> it is built on, and <see cref="RedisStorage"/> (scale-out) must
/// behave the same.
/// </summary>
public abstract class StorageContractTests
{
    protected abstract IStorage Storage { get; }

    [Fact]
    public async Task Read_UnknownKey_ReturnsNothing()
    {
        var items = await Storage.ReadAsync([Key("unknown")]);

        Assert.Empty(items);
    }

    [Fact]
    public async Task Create_RoundTripsTypes_AndIntegersStayInt()
    {
        var key = Key("typed");
        var item = new Sample { Count = 42, Name = "vxlan", Tags = ["a", "b"], Nested = new Sample { Count = 7 } };
        var dialog = new DialogState { FlowId = "mtu", StepId = "mode", Language = "zh", Answers = { ["plugin"] = "calico" } };
        dialog.History.Add(new DialogSnapshot { StepId = "plugin" });

        await Storage.WriteAsync(new Dictionary<string, object> { [key] = item, [key + "-dialog"] = dialog });
        var read = await Storage.ReadAsync([key, key + "-dialog"]);

        var sample = Assert.IsType<Sample>(read[key]);
        Assert.Equal(42, sample.Count);
        Assert.IsType<int>((object)sample.Count);
        Assert.Equal(["a", "b"], sample.Tags);
        Assert.Equal(7, sample.Nested!.Count);
        Assert.False(string.IsNullOrEmpty(sample.ETag));
        var state = Assert.IsType<DialogState>(read[key + "-dialog"]);
        Assert.Equal(("mtu", "mode", "zh", "calico", "plugin"), (state.FlowId, state.StepId, state.Language, state.Answers["plugin"], state.History.Single().StepId));
    }

    [Theory]
    [InlineData("!@#$%^&*()~/\\><,.?';\"`~ []{}|")]
    [InlineData("中文键 🔑 ключ")]
    [InlineData("line\nbreak\ttab\0nul")]
    [InlineData("*")]
    [InlineData("msteams/conversations/a:1Xy-Z_2/")]
    public async Task CrazyKeys_AreKeptApart(string crazy)
    {
        var key = Key(crazy);
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample { Name = crazy }, [key + "x"] = new Sample { Name = "other" } });

        var read = await Storage.ReadAsync([key]);

        Assert.Equal(crazy, Assert.IsType<Sample>(Assert.Single(read).Value).Name);
    }

    [Fact]
    public async Task LongKey_Works()
    {
        var key = Key(new string('k', 2000));
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample { Count = 1 } });

        Assert.Single(await Storage.ReadAsync([key]));
    }

    [Fact]
    public async Task Update_WithTheCurrentETag_Succeeds_AndAStaleOrEmptyOneIsRejected()
    {
        var key = Key("etag");
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample { Count = 1 } });
        var first = (Sample)(await Storage.ReadAsync([key]))[key];

        first.Count = 2;
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = first });
        var second = (Sample)(await Storage.ReadAsync([key]))[key];
        Assert.Equal(2, second.Count);
        Assert.NotEqual(first.ETag, second.ETag);

        // first.ETag is now stale: the write must not land.
        var stale = new Sample { Count = 99, ETag = first.ETag };
        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync(new Dictionary<string, object> { [key] = stale }));
        var empty = new Sample { Count = 98, ETag = string.Empty };
        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync(new Dictionary<string, object> { [key] = empty }));
        Assert.Equal(2, ((Sample)(await Storage.ReadAsync([key]))[key]).Count);

        // "*" overwrites whatever is there.
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample { Count = 3, ETag = "*" } });
        Assert.Equal(3, ((Sample)(await Storage.ReadAsync([key]))[key]).Count);
    }

    [Fact]
    public async Task Delete_RemovesTheItem_AndDeletingAnUnknownKeyIsFine()
    {
        var key = Key("delete");
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample() });

        await Storage.DeleteAsync([key]);
        await Storage.DeleteAsync([key, Key("never-written")]);

        Assert.Empty(await Storage.ReadAsync([key]));
    }

    [Fact]
    public async Task ParallelWritesToOneKey_WithETags_LoseNoUpdate()
    {
        var key = Key("counter");
        await Storage.WriteAsync(new Dictionary<string, object> { [key] = new Sample { Count = 0 } });
        const int Writers = 16;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var current = (Sample)(await Storage.ReadAsync([key]))[key];
                current.Count++;
                try
                {
                    await Storage.WriteAsync(new Dictionary<string, object> { [key] = current });
                    return;
                }
                catch (Exception e) when (e is not StateStoreUnavailableException)
                {
                    // Somebody else wrote first: read again and retry.
                }
            }

            throw new InvalidOperationException("never got a write in");
        })));

        Assert.Equal(Writers, ((Sample)(await Storage.ReadAsync([key]))[key]).Count);
    }

    [Fact]
    public async Task ConversationState_CarriesADialogAcrossTurns()
    {
        var state = new ConversationState(Storage);
        var accessor = state.CreateProperty<DialogState>("cnibot.dialog");
        var conversation = Key("conversation");

        var first = Turn(conversation);
        await accessor.SetAsync(first, new DialogState { FlowId = "qos", StepId = "rate", Answers = { ["rate"] = "100" } });
        await state.SaveChangesAsync(first);

        var second = Turn(conversation);
        var dialog = await accessor.GetAsync(second, () => null!);

        Assert.Equal(("qos", "rate", "100"), (dialog.FlowId, dialog.StepId, dialog.Answers["rate"]));
        await accessor.DeleteAsync(second);
        await state.SaveChangesAsync(second);
        Assert.Null(await accessor.GetAsync(Turn(conversation), () => null!));
    }

    [Fact]
    public async Task NullArguments_Throw_AndEmptyOnesDoNothing()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.ReadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.WriteAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.DeleteAsync(null!));

        Assert.Empty(await Storage.ReadAsync([]));
        await Storage.WriteAsync(new Dictionary<string, object>());
        await Storage.DeleteAsync([]);
    }

    /// <summary>Keys unique per test run, so that tests sharing one Redis never see each other's data.</summary>
    private string Key(string name) => $"{GetType().Name}/{Guid.NewGuid():N}/{name}";

    private static TurnContext Turn(string conversation) => new(new NoAdapter(), new Activity
    {
        Type = ActivityTypes.Message,
        ChannelId = "test",
        Conversation = new ConversationAccount { Id = conversation },
        From = new ChannelAccount { Id = "user" },
        Recipient = new ChannelAccount { Id = "bot" },
    });

    public sealed class Sample : IStoreItem
    {
        public int Count { get; set; }

        public string? Name { get; set; }

        public List<string> Tags { get; set; } = [];

        public Sample? Nested { get; set; }

        public string? ETag { get; set; }
    }

    /// <summary>A turn needs an adapter; state never sends anything.</summary>
    private sealed class NoAdapter : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

public sealed class MemoryStorageContractTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new MemoryStorage();
}

/// <summary>The in-process default: the same contract, within its bounds.</summary>
public sealed class BoundedMemoryStorageContractTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new BoundedMemoryStorage(capacity: 1000, timeToLive: TimeSpan.FromDays(1));
}

/// <summary>The test classes that need a redis-server share one and run one after the other (two servers starting
/// at once on a loaded 2-core machine made a client's 2 s connect time out).</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisServer : ICollectionFixture<RedisStorageContractTests.Server>
{
    public const string Name = "redis-server";
}

[Collection(SharedRedisServer.Name)]
public sealed class RedisStorageContractTests : StorageContractTests, IDisposable
{
    private readonly RedisConnection connection;

    public RedisStorageContractTests(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var options = new StorageOptions { Redis = server.Redis.PatientConnectionString };
        connection = new RedisConnection(options);
        Storage = new RedisStorage(connection, options);
    }

    protected override IStorage Storage { get; }

    public void Dispose() => connection.Dispose();

    public sealed class Server : IDisposable
    {
        public RedisServer Redis { get; } = new();

        public void Dispose() => Redis.Dispose();
    }
}
