using CniBot.Redis;
using Microsoft.Extensions.Logging;

namespace CniBot.Tests.State;

/// <summary>An outage is logged in a few lines, however many operations fail during it.</summary>
public sealed class OutageLogTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Clock clock = new();
    private readonly Lines log = new();

    [Fact]
    public void ThousandsOfFailures_AreOneWarningWithTheException_ThenOneSummaryPerInterval()
    {
        var outages = new OutageLog(log, clock, Interval);

        for (var i = 0; i < 30_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1)); // 30 s of failures, 1,000 a second
            outages.Failed(i % 3 == 0 ? "count" : "claim", new TimeoutException("timed out"));
        }

        Assert.Equal(3, log.Entries.Count); // the first, and a summary at 10 s and at 20 s
        Assert.All(log.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.NotNull(log.Entries[0].Exception);
        Assert.Contains("(count)", log.Entries[0].Message, StringComparison.Ordinal);
        Assert.Null(log.Entries[1].Exception);
        Assert.Matches(@"10000 more operations failed in the last 10 s \(claim 666\d, count 333\d\)", log.Entries[1].Message);
    }

    [Fact]
    public void Recovery_IsLoggedOnce_WithWhatWasNotYetReported_AndTheNextFailureStartsANewOutage()
    {
        var outages = new OutageLog(log, clock, Interval);
        outages.Failed("state", new TimeoutException("first"));
        clock.Advance(TimeSpan.FromSeconds(1));
        outages.Failed("state", new TimeoutException("second"));
        outages.Failed("feedback", new TimeoutException("third"));
        clock.Advance(TimeSpan.FromSeconds(1));

        outages.Recovered();
        outages.Recovered(); // both of the multiplexer's connections report it

        Assert.Equal(2, log.Entries.Count);
        Assert.Equal(LogLevel.Information, log.Entries[1].Level);
        Assert.Contains("over after 2.0 s; not yet reported: 2 failed operations (feedback 1, state 1)", log.Entries[1].Message, StringComparison.Ordinal);

        outages.Failed("claim", new TimeoutException("again"));
        Assert.Equal(3, log.Entries.Count);
        Assert.NotNull(log.Entries[2].Exception);
    }

    [Fact]
    public void AFailureAfterAQuietInterval_EndsTheLastOutage_WithoutARestoredEvent()
    {
        // A server that refuses writes (READONLY, OOM) is connected throughout: no "restored" event ends it.
        var outages = new OutageLog(log, clock, Interval);
        outages.Failed("state", new InvalidOperationException("READONLY"));
        outages.Failed("state", new InvalidOperationException("READONLY"));
        clock.Advance(TimeSpan.FromMinutes(5));

        outages.Failed("state", new InvalidOperationException("READONLY"));

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], log.Entries.Select(e => e.Level));
        Assert.Contains("1 failed operations (state 1)", log.Entries[1].Message, StringComparison.Ordinal);
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
