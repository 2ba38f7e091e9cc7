using CniBot.Feedback;
using StackExchange.Redis;

namespace CniBot.Redis;

/// <summary>
/// The feedback and unanswered-question log in a Redis list, shared by every replica (one JSON line per record, the
/// same lines as <c>feedback.jsonl</c>). While Redis is down, records go to the local file instead, so none is lost;
/// <c>report</c> reads both.
/// </summary>
/// <remarks>
/// The list keeps the newest <see cref="MaxRecords"/> records (about 50 MB at the records' size bound, far less in
/// practice) and has no expiry, so a Redis that evicts only keys with a time to live (<c>volatile-lru</c>, as the
/// bundled one does) never drops it.
/// </remarks>
public sealed class RedisFeedbackStore(RedisConnection redis, JsonLinesFeedbackStore fallback) : IFeedbackStore
{
    /// <summary>The most records the shared list keeps; older ones are trimmed as new ones arrive.</summary>
    public const int MaxRecords = 50_000;

    private readonly int maxRecords = MaxRecords;

    /// <summary>A store that keeps at most <paramref name="maxRecords"/> (for tests of the trimming).</summary>
    public RedisFeedbackStore(RedisConnection redis, JsonLinesFeedbackStore fallback, int maxRecords)
        : this(redis, fallback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        this.maxRecords = maxRecords;
    }

    private RedisKey Key => redis.KeyPrefix + "feedback";

    public async Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var length = await redis.Database.ListRightPushAsync(Key, JsonLinesFeedbackStore.ToJson(record));
            if (length > maxRecords)
            {
                await redis.Database.ListTrimAsync(Key, -maxRecords, -1);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportOutage($"feedback kept in {fallback.FilePath}", e);
            await fallback.AppendAsync(record, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var shared = await redis.Database.ListRangeAsync(Key);
        var local = await fallback.ReadAllAsync(cancellationToken);
        return [.. JsonLinesFeedbackStore.FromJsonLines(shared.Select(v => (string)v!)).Concat(local).OrderBy(r => r.Time)];
    }
}
