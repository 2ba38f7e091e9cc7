namespace CniBot.Conversation;

/// <summary>
/// One user turn, whatever the channel: typed text, or the data of a pressed button (<see cref="Action"/>).
/// </summary>
public sealed record Turn(string ConversationId, string? UserId, string? Text, IReadOnlyDictionary<string, string>? Action = null)
{
    public bool IsAction => Action is { Count: > 0 };
}
