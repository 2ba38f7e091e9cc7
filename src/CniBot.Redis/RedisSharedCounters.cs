using CniBot.Hosting;
using StackExchange.Redis;

namespace CniBot.Redis;

/// <summary>
/// <see cref="ISharedCounters"/> in Redis, so that every replica sees the same claims and counts. During an outage
/// it fails open (an event may then be answered twice, a user is not limited) and logs it: losing Redis must not
/// silence the bot.
/// </summary>
public sealed class RedisSharedCounters(RedisConnection redis) : ISharedCounters
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
            redis.ReportOutage("claim not shared (failing open)", e);
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
            redis.ReportOutage("release not shared (failing open)", e);
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
            redis.ReportOutage("count not shared (failing open)", e);
            return 0;
        }
    }

    private RedisKey Key(string key) => redis.KeyPrefix + "counter:" + key;
}
