namespace CniBot.Hosting;

/// <summary>Turn limits per user and per conversation (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Messages and button presses one user may send per window, across every conversation; 0 = no limit.</summary>
    public int UserTurnsPerWindow { get; set; } = 20;

    /// <summary>Turns one conversation (a channel, a group chat) may take per window; 0 = no limit.</summary>
    public int ConversationTurnsPerWindow { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Why a turn was refused and when to try again.</summary>
public sealed record TurnLimit(string Scope, int Limit, TimeSpan Window);

/// <summary>
/// Fixed-window turn limits per user and per conversation. The user and the conversation are only known once the
/// activity is parsed, and a limited user must be told so in the chat (an HTTP 429 would reach Teams or Slack, not
/// the person), so this runs in the bot's turn rather than as HTTP middleware. The counts are
/// <see cref="ISharedCounters"/>: per process by default, shared by every replica through Redis.
/// </summary>
public sealed class TurnRateLimiter(ISharedCounters counters, RateLimitOptions options)
{
    /// <summary>Counts the turn; null when it may go ahead, otherwise the limit it broke.</summary>
    public async Task<TurnLimit?> CheckAsync(string? channel, string? user, string? conversation)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (user is { Length: > 0 } && options.UserTurnsPerWindow > 0
            && await counters.IncrementAsync($"turns:user:{channel}:{user}", options.Window) > options.UserTurnsPerWindow)
        {
            return new TurnLimit("user", options.UserTurnsPerWindow, options.Window);
        }

        if (conversation is { Length: > 0 } && options.ConversationTurnsPerWindow > 0
            && await counters.IncrementAsync($"turns:conversation:{channel}:{conversation}", options.Window) > options.ConversationTurnsPerWindow)
        {
            return new TurnLimit("conversation", options.ConversationTurnsPerWindow, options.Window);
        }

        return null;
    }
}
