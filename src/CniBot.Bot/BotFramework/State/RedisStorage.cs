using System.Globalization;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using CniBot.Hosting;
using CniBot.Redis;
using StackExchange.Redis;

namespace CniBot.Bot.BotFramework.State;

/// <summary>
/// Bot Framework state in Redis, so that any replica can continue any conversation. It keeps
/// <see cref="MemoryStorage"/>'s contract: values round-trip with their .NET types (JSON with type names, limited to
/// the types state may hold), <see cref="IStoreItem"/> values get optimistic concurrency (a write must carry the
/// stored ETag or <c>"*"</c>; a stale or empty one is rejected), other values are last-writer-wins. The ETag check
/// and the write are one Lua script, so concurrent writers never interleave. Redis keys are binary-safe, so state
/// keys are used verbatim after the prefix: no escaping can make two keys collide.
/// </summary>
public sealed class RedisStorage(RedisConnection redis, StorageOptions options) : IStorage
{
    // KEYS[1]: the state key. ARGV: value, check ("1" for IStoreItem), expected ETag, new ETag, TTL in seconds.
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'etag')
        if ARGV[2] == '1' and current and ARGV[3] ~= '*' and ARGV[3] ~= current then
          return current
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[4], 'value', ARGV[1])
        if tonumber(ARGV[5]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
        return false
        """;

    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new StateTypesBinder(),
        MaxDepth = 64,
    };

    private static readonly RedisValue[] Fields = ["etag", "value"];

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var values = await Run(() => redis.Database.HashGetAsync(Key(key), Fields));
            if (values[1].IsNull)
            {
                continue;
            }

            var value = JsonConvert.DeserializeObject((string)values[1]!, Settings)!;
            if (value is IStoreItem item)
            {
                item.ETag = values[0];
            }

            result[key] = value;
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ttl = ((long)options.StateTimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in changes)
        {
            var json = JsonConvert.SerializeObject(value, Settings);
            var item = value as IStoreItem;
            var conflict = await Run(() => redis.Database.ScriptEvaluateAsync(
                WriteScript,
                [Key(key)],
                [json, item is null ? "0" : "1", item?.ETag ?? string.Empty, Guid.NewGuid().ToString("N"), ttl]));
            if (!conflict.IsNull)
            {
                throw new InvalidOperationException($"Etag conflict for '{key}': the write carried '{item!.ETag}', the stored value has '{conflict}'.");
            }
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length > 0)
        {
            await Run(() => redis.Database.KeyDeleteAsync([.. keys.Select(k => (RedisKey)Key(k))]));
        }
    }

    private string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return redis.KeyPrefix + "state:" + key;
    }

    private async Task<T> Run<T>(Func<Task<T>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportOutage("conversation state", e);
            throw new StateStoreUnavailableException("the state store (Redis) cannot be reached or cannot serve now", e);
        }
    }
}
