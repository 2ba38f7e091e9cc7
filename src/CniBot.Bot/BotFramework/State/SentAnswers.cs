using Microsoft.Bot.Builder;

namespace CniBot.Bot.BotFramework.State;

/// <summary>The answer one sent message carried: what Teams' feedback (which names only the message) is about.</summary>
public sealed class SentAnswer
{
    /// <summary>The answering section's key (<c>en/calico#…</c>).</summary>
    public string? Section { get; set; }

    /// <summary>The question it answered.</summary>
    public string? Question { get; set; }
}

/// <summary>
/// Which answer each message CniBot sent carries, by the id the channel gave the message. Teams' own feedback buttons
/// send back only that id (<c>replyToId</c> of <c>message/submitAction</c>); this is how a rating finds its section
/// and question. Kept in the bot's state store, so in Redis every replica finds what another sent, for as long as
/// conversation state lives.
/// </summary>
public sealed class SentAnswers(IStorage storage)
{
    public async Task RememberAsync(string channel, string conversation, string messageId, SentAnswer answer, CancellationToken cancellationToken) =>
        await storage.WriteAsync(new Dictionary<string, object> { [Key(channel, conversation, messageId)] = answer }, cancellationToken);

    public async Task<SentAnswer?> FindAsync(string channel, string conversation, string messageId, CancellationToken cancellationToken)
    {
        var key = Key(channel, conversation, messageId);
        return (await storage.ReadAsync([key], cancellationToken)).TryGetValue(key, out var found) ? found as SentAnswer : null;
    }

    private static string Key(string channel, string conversation, string messageId) => $"{channel}/conversations/{conversation}/sent/{messageId}";
}
