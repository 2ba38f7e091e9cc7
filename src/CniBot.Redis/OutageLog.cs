using Microsoft.Extensions.Logging;

namespace CniBot.Redis;

/// <summary>
/// Logs an outage of Redis in a few lines instead of one per failed operation: the first failure with its exception,
/// then at most one summary per <c>interval</c> (how many operations failed, by kind), and one line when the
/// connection is restored. A failure after a quiet <c>interval</c> starts a new outage.
/// </summary>
/// <remarks>
/// One warning with a stack trace per failed operation wrote 67,000 warnings, 140 MB of log, in the 15 s that the
/// soak test (benchmarks/soak.sh, 32 connections) kept Redis down.
/// </remarks>
public sealed partial class OutageLog(ILogger logger, TimeProvider time, TimeSpan interval)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> pending = new(StringComparer.Ordinal);
    private DateTimeOffset? since;
    private DateTimeOffset lastLogged;
    private DateTimeOffset lastFailure;

    /// <summary>An operation failed for the outage (and degraded: failed open, kept locally, answered without state).</summary>
    public void Failed(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (since is not null && now - lastFailure >= interval)
            {
                Flush(now); // quiet for a while (a refusing server has no "restored" event): that outage is over
            }

            lastFailure = now;
            if (since is null)
            {
                since = lastLogged = now;
                Started(logger, operation, exception);
                return;
            }

            pending[operation] = pending.GetValueOrDefault(operation) + 1;
            if (now - lastLogged >= interval)
            {
                var count = pending.Values.Sum();
                var operations = Describe();
                Continuing(logger, count, (now - lastLogged).TotalSeconds, operations, exception.Message);
                pending.Clear();
                lastLogged = now;
            }
        }
    }

    /// <summary>The connection is back: say so once, with the failures not yet reported.</summary>
    public void Recovered()
    {
        lock (gate)
        {
            if (since is not null)
            {
                Flush(time.GetUtcNow());
            }
        }
    }

    private void Flush(DateTimeOffset now)
    {
        var count = pending.Values.Sum();
        var operations = pending.Count == 0 ? "none" : Describe();
        Ended(logger, (now - since!.Value).TotalSeconds, count, operations);
        pending.Clear();
        since = null;
    }

    private string Describe() => string.Join(", ", pending.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable ({Operation}); degrading until it returns, further failures summarised")]
    private static partial void Started(ILogger logger, string operation, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis still unavailable: {Count} more operations failed in the last {Seconds:F0} s ({Operations}); last error: {Error}")]
    private static partial void Continuing(ILogger logger, int count, double seconds, string operations, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis outage over after {Seconds:F1} s; not yet reported: {Count} failed operations ({Operations})")]
    private static partial void Ended(ILogger logger, double seconds, int count, string operations);
}
