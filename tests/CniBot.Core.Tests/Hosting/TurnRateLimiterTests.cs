using CniBot.Hosting;

namespace CniBot.Tests.Hosting;

public sealed class TurnRateLimiterTests
{
    private readonly ManualTime time = new();

    [Fact]
    public async Task User_OverTheLimit_IsRefused_UntilTheWindowPasses()
    {
        var limiter = new TurnRateLimiter(new MemorySharedCounters(time), new RateLimitOptions { UserTurnsPerWindow = 3, ConversationTurnsPerWindow = 0 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await limiter.CheckAsync("msteams", "u1", $"c{i}"));
        }

        Assert.Equal(new TurnLimit("user", 3, TimeSpan.FromMinutes(1)), await limiter.CheckAsync("msteams", "u1", "c9"));
        Assert.Null(await limiter.CheckAsync("msteams", "u2", "c9")); // Someone else is not affected.
        Assert.Null(await limiter.CheckAsync("slack", "u1", "c9")); // Nor the same id on another channel.

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await limiter.CheckAsync("msteams", "u1", "c1"));
    }

    [Fact]
    public async Task Conversation_OverTheLimit_IsRefused_WhoeverWrites()
    {
        var limiter = new TurnRateLimiter(new MemorySharedCounters(time), new RateLimitOptions { UserTurnsPerWindow = 100, ConversationTurnsPerWindow = 2 });

        Assert.Null(await limiter.CheckAsync("msteams", "u1", "channel"));
        Assert.Null(await limiter.CheckAsync("msteams", "u2", "channel"));

        Assert.Equal("conversation", (await limiter.CheckAsync("msteams", "u3", "channel"))!.Scope);
    }

    [Fact]
    public async Task ZeroMeansNoLimit()
    {
        var limiter = new TurnRateLimiter(new MemorySharedCounters(time), new RateLimitOptions { UserTurnsPerWindow = 0, ConversationTurnsPerWindow = 0 });

        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(await limiter.CheckAsync("msteams", "u1", "c1"));
        }
    }

    [Fact]
    public async Task Claims_AreTakenOnce_AndCanBeGivenBack()
    {
        var counters = new MemorySharedCounters(time);

        Assert.True(await counters.TryClaimAsync("event-1", TimeSpan.FromHours(1)));
        Assert.False(await counters.TryClaimAsync("event-1", TimeSpan.FromHours(1)));
        await counters.ReleaseAsync("event-1");
        Assert.True(await counters.TryClaimAsync("event-1", TimeSpan.FromHours(1)));
        time.Advance(TimeSpan.FromHours(2));
        Assert.True(await counters.TryClaimAsync("event-1", TimeSpan.FromHours(1)));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
