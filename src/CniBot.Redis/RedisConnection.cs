using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly OutageLog outages;

    public RedisConnection(StorageOptions options, ILogger<RedisConnection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = Configuration(options.Redis);
        outages = new OutageLog(logger ?? NullLogger<RedisConnection>.Instance, TimeProvider.System, TimeSpan.FromSeconds(10));
        multiplexer = ConnectionMultiplexer.Connect(configuration);
        multiplexer.ConnectionRestored += (_, _) => outages.Recovered();
        KeyPrefix = options.KeyPrefix;
    }

    /// <summary>The connect, sync and async timeout when the connection string names none.</summary>
    public const int DefaultTimeoutMs = 2000;

    /// <summary>
    /// How CniBot connects for <paramref name="connectionString"/>: without waiting for Redis at start, failing
    /// commands at once while disconnected, reconnecting every half second, and with short timeouts so that a turn
    /// turns to "state unavailable" quickly, unless the connection string names its own (<c>connectTimeout=</c>,
    /// <c>syncTimeout=</c>, <c>asyncTimeout=</c>).
    /// </summary>
    public static ConfigurationOptions Configuration(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Names(connectionString, "connectTimeout") ? configuration.ConnectTimeout : DefaultTimeoutMs;
        configuration.SyncTimeout = Names(connectionString, "syncTimeout") ? configuration.SyncTimeout : DefaultTimeoutMs;
        configuration.AsyncTimeout = Names(connectionString, "asyncTimeout") ? configuration.AsyncTimeout : DefaultTimeoutMs;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ClientName ??= "cnibot";
        return configuration;
    }

    public string KeyPrefix { get; }

    public IDatabase Database => multiplexer.GetDatabase();

    /// <summary>
    /// An operation failed for an outage (<see cref="IsOutage"/>) and degraded; logged in a few lines per outage, not
    /// one per operation.
    /// </summary>
    public void ReportOutage(string operation, Exception exception) => outages.Failed(operation, exception);

    /// <summary>
    /// Whether Redis accepts a write now (the readiness check): a replica left read-only by a failover, or a server
    /// out of memory, answers PING but would refuse every turn's state.
    /// </summary>
    public async Task<bool> AcceptsWritesAsync()
    {
        try
        {
            return await Database.StringSetAsync(KeyPrefix + "readyz", 1, TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (IsOutage(e))
        {
            return false;
        }
    }

    /// <summary>
    /// The exceptions StackExchange.Redis throws when the server cannot be reached or does not answer, and the server
    /// errors of a store that is there but cannot serve for now: a read-only replica during a failover (READONLY),
    /// out of memory (OOM), loading its data (LOADING), without a reachable master (MASTERDOWN, NOREPLICAS),
    /// unable to persist (MISCONF), a cluster reconfiguring (CLUSTERDOWN, TRYAGAIN) or a busy script (BUSY). And one
    /// that StackExchange.Redis lets through unwrapped when the server goes away while a command is being written:
    /// the socket's pipe, already completed, refuses the write (System.IO.Pipelines' "Writing is not allowed after
    /// writer was completed"; the soak test, Redis killed under load, found it as a 500).
    /// </summary>
    public static bool IsOutage(Exception e) => e is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (e is RedisServerException server && TransientServerErrors.Any(prefix => server.Message.StartsWith(prefix, StringComparison.Ordinal)))
        || e is InvalidOperationException { Source: "System.IO.Pipelines" };

    private static readonly string[] TransientServerErrors = ["READONLY", "OOM", "LOADING", "MASTERDOWN", "NOREPLICAS", "MISCONF", "CLUSTERDOWN", "TRYAGAIN", "BUSY"];

    /// <summary>Whether a StackExchange.Redis connection string sets <paramref name="option"/> (names are case-insensitive).</summary>
    private static bool Names(string connectionString, string option) =>
        connectionString.Split(',').Any(part => part.Split('=', 2) is [var name, _] && name.Trim().Equals(option, StringComparison.OrdinalIgnoreCase));

    public void Dispose() => multiplexer.Dispose();
}
