namespace CniBot.Bot.BotFramework;

/// <summary>What the messaging endpoint answers: a status, and a JSON body or an error reason.</summary>
public sealed record BotResponse(int Status, object? Body = null, string? Error = null)
{
    public static BotResponse Fail(int status, string reason) => new(status, Error: reason);
}
