namespace CniBot.Redis;

/// <summary>Where conversation state, Slack de-duplication and the feedback log live: in this process, or in Redis.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A StackExchange.Redis connection string (<c>redis:6379,password=...</c>); empty keeps everything in memory.</summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>Prefix of every key CniBot writes, so that several bots can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "cnibot:";

    /// <summary>How long an idle conversation's state (a half-finished dialog) is kept.</summary>
    public TimeSpan StateTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Without Redis: how many conversations' state this process keeps at most (the least recently used go first).
    /// About 8 KB each with a dialog under way.
    /// </summary>
    public int MemoryStateEntries { get; set; } = 5000;

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
