using CniBot.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CniBot.Redis;

/// <summary>
/// <see cref="ISharedCounters"/> in Redis, so that every replica sees the same claims and counts. During an outage
/// it fails open (an event may then be answered twice, a user is not limited) and logs it: losing Redis must not
/// silence the bot.
/// </summary>
public sealed partial class RedisSharedCounters(RedisConnection redis, ILogger<RedisSharedCounters> logger) : ISharedCounters
{
    private const string IncrementScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public async Task<bool> TryClaimAsync(string key, TimeSpan window)
    {
        try
        {
            return await redis.Database.StringSetAsync(Key(key), 1, window, When.NotExists);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Unavailable(logger, "claim", e);
            return true;
        }
    }

    public async Task ReleaseAsync(string key)
    {
        try
        {
            await redis.Database.KeyDeleteAsync(Key(key));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Unavailable(logger, "release", e);
        }
    }

    public async Task<long> IncrementAsync(string key, TimeSpan window)
    {
        try
        {
            return (long)await redis.Database.ScriptEvaluateAsync(IncrementScript, [Key(key)], [(long)window.TotalMilliseconds]);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Unavailable(logger, "count", e);
            return 0;
        }
    }

    private RedisKey Key(string key) => redis.KeyPrefix + "counter:" + key;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable, {Operation} not shared (failing open)")]
    private static partial void Unavailable(ILogger logger, string operation, Exception exception);
}
