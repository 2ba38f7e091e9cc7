using CniBot.Feedback;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CniBot.Redis;

/// <summary>
/// The feedback and unanswered-question log in a Redis list, shared by every replica (one JSON line per record, the
/// same lines as <c>feedback.jsonl</c>). While Redis is down, records go to the local file instead, so none is lost;
/// <c>report</c> reads both.
/// </summary>
public sealed partial class RedisFeedbackStore(RedisConnection redis, JsonLinesFeedbackStore fallback, ILogger<RedisFeedbackStore> logger) : IFeedbackStore
{
    private RedisKey Key => redis.KeyPrefix + "feedback";

    public async Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await redis.Database.ListRightPushAsync(Key, JsonLinesFeedbackStore.ToJson(record));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            KeptLocally(logger, fallback.FilePath, e);
            await fallback.AppendAsync(record, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var shared = await redis.Database.ListRangeAsync(Key);
        var local = await fallback.ReadAllAsync(cancellationToken);
        return [.. JsonLinesFeedbackStore.FromJsonLines(shared.Select(v => (string)v!)).Concat(local).OrderBy(r => r.Time)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable: feedback kept in {Path} instead")]
    private static partial void KeptLocally(ILogger logger, string path, Exception exception);
}
