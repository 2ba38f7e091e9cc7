using StackExchange.Redis;

namespace CniBot.Redis;

/// <summary>
/// The process's one Redis connection. It is created without waiting for Redis (a bot that starts while Redis is
/// down answers questions and turns ready when Redis comes back), reconnects by itself, and fails commands at once
/// while disconnected instead of queueing them, so that a turn never hangs on an outage.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer multiplexer;

    public RedisConnection(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Redis);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 2000;
        configuration.AsyncTimeout = 2000;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ClientName ??= "cnibot";
        multiplexer = ConnectionMultiplexer.Connect(configuration);
        KeyPrefix = options.KeyPrefix;
    }

    public string KeyPrefix { get; }

    public IDatabase Database => multiplexer.GetDatabase();

    /// <summary>Whether Redis answers a PING now (the readiness check).</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            await Database.PingAsync();
            return true;
        }
        catch (Exception e) when (IsOutage(e))
        {
            return false;
        }
    }

    /// <summary>The exceptions StackExchange.Redis throws when the server cannot be reached or does not answer.</summary>
    public static bool IsOutage(Exception e) => e is RedisConnectionException or RedisTimeoutException or TimeoutException;

    public void Dispose() => multiplexer.Dispose();
}
