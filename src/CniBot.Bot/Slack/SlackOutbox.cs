using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CniBot.Bot.Slack;

/// <summary>
/// The messages CniBot posts (<c>chat.postMessage</c>), one queue per channel: Slack allows about one message per
/// second per channel, so each channel's messages go out in order, a second apart, while other channels are not held
/// up. A post Slack refuses with 429 waits for its <c>Retry-After</c> and goes again (beyond the HTTP client's own
/// three retries), and one that fails for a passing network problem is tried again with growing pauses, so a burst
/// of questions in one channel loses no answer. At stop the host waits for the queues to empty (within its shutdown
/// timeout).
/// </summary>
public sealed partial class SlackOutbox(SlackApiClient slack, TimeProvider time, ILogger<SlackOutbox> logger) : IHostedService, IDisposable
{
    /// <summary>Slack's pace for one channel: "1 per second", with short bursts allowed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Messages waiting across all channels; beyond this a post is refused (logged), not queued.</summary>
    public const int Capacity = 5000;

    private const int MaxAttempts = 8;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private int waiting;
    private volatile bool disposed;

    /// <summary>Messages queued and not yet sent (or given up).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Queues <paramref name="message"/> for <paramref name="channel"/>; false (logged) when the outbox is full.</summary>
    public bool Post(string channel, SlackMessage message, string? threadTs)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Increment(ref waiting) > Capacity)
        {
            Interlocked.Decrement(ref waiting);
            Full(logger, Capacity);
            return false;
        }

        while (true)
        {
            var lane = lanes.GetOrAdd(channel, _ => new Lane());
            lock (lane)
            {
                if (lane.Retired)
                {
                    continue; // Emptied and removed just now: a new lane takes over.
                }

                lane.Queue.Enqueue((message, threadTs));
                if (!lane.Draining)
                {
                    lane.Draining = true;
                    _ = Task.Run(() => DrainAsync(channel, lane), CancellationToken.None);
                }

                return true;
            }
        }
    }

    private async Task DrainAsync(string channel, Lane lane)
    {
        var token = stopping.Token;
        try
        {
            while (true)
            {
                (SlackMessage Message, string? ThreadTs) next;
                lock (lane)
                {
                    if (!lane.Queue.TryDequeue(out next))
                    {
                        // Idle, and a second has passed since the last post: nothing to pace against any more.
                        if (time.GetUtcNow() >= lane.NextAllowed)
                        {
                            lane.Retired = true;
                            lanes.TryRemove(new KeyValuePair<string, Lane>(channel, lane));
                            return;
                        }
                    }
                }

                var wait = lane.NextAllowed - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, token);
                }

                if (next.Message is null)
                {
                    continue; // Idle until the pace allowed the next post: look again.
                }

                await SendAsync(channel, next.Message, next.ThreadTs, token);
                lane.NextAllowed = time.GetUtcNow() + Interval;
                Interlocked.Decrement(ref waiting);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            lock (lane)
            {
                Abandoned(logger, lane.Queue.Count + 1, channel);
            }
        }
    }

    /// <summary>Posts, waiting out 429s and passing failures; gives up (logged) after <see cref="MaxAttempts"/>.</summary>
    private async Task SendAsync(string channel, SlackMessage message, string? threadTs, CancellationToken token)
    {
        var pause = Interval;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                await slack.PostMessageAsync(channel, message, threadTs, token);
                return;
            }
            catch (SlackRateLimitedException e)
            {
                wait = e.RetryAfter ?? pause;
            }
            catch (Exception e) when (SlackApiClient.IsUnavailable(e, token))
            {
                wait = pause;
                PostFailed(logger, channel, attempt, e);
            }

            if (attempt == MaxAttempts)
            {
                GaveUp(logger, channel, attempt);
                return;
            }

            wait = wait < MaxWait ? wait : MaxWait;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxWait.Ticks));
            await Task.Delay(wait, time, token);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Completes when every queued message has been sent (or given up).</summary>
    public async Task IdleAsync(CancellationToken cancellationToken)
    {
        while (Waiting > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    /// <summary>Waits for the queues to empty; when the host's shutdown timeout ends the wait, what is left is logged.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await IdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time.
        }

        if (!disposed)
        {
            await stopping.CancelAsync();
        }
    }

    /// <remarks>The container may dispose the outbox before the host's stop reaches it: the queues then just stop.</remarks>
    public void Dispose()
    {
        if (disposed)
        {
            return; // Registered twice (itself, and as a hosted service): disposed twice.
        }

        disposed = true;
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class Lane
    {
        public Queue<(SlackMessage Message, string? ThreadTs)> Queue { get; } = new();

        public bool Draining { get; set; }

        public bool Retired { get; set; }

        public DateTimeOffset NextAllowed { get; set; }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Error, Message = "Slack outbox full ({Capacity} messages waiting): a message was not sent")]
    private static partial void Full(ILogger logger, int capacity);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Slack chat.postMessage to {Channel} failed (attempt {Attempt}); trying again")]
    private static partial void PostFailed(ILogger logger, string channel, int attempt, Exception error);

    [LoggerMessage(EventId = 52, Level = LogLevel.Error, Message = "Slack chat.postMessage to {Channel} failed {Attempts} times; the message was not sent")]
    private static partial void GaveUp(ILogger logger, string channel, int attempts);

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Stopping with {Count} message(s) for {Channel} not sent")]
    private static partial void Abandoned(ILogger logger, int count, string channel);
}

/// <summary>Slack answered 429 (after the HTTP client's own retries): try again after <see cref="RetryAfter"/>.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan? retryAfter)
    : HttpRequestException($"Slack rate-limited {method}", null, System.Net.HttpStatusCode.TooManyRequests)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
