using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using Microsoft.Bot.Builder;

namespace CniBot.Bot.BotFramework.State;

/// <summary>
/// Core's <see cref="IDialogStore"/> over a Bot Framework <see cref="IStorage"/> (<see cref="BoundedMemoryStorage"/>
/// in one process, <see cref="RedisStorage"/> across replicas), one item per conversation. Every channel's dialogs
/// live here, Slack's too, without Slack's code touching the SDK.
/// </summary>
public sealed class StorageDialogStore(IStorage storage) : IDialogStore
{
    public async Task<DialogState?> LoadAsync(string channel, string conversation, CancellationToken cancellationToken)
    {
        var key = Key(channel, conversation);
        var items = await storage.ReadAsync([key], cancellationToken);
        return items.TryGetValue(key, out var item) ? item as DialogState : null;
    }

    public async Task SaveAsync(string channel, string conversation, DialogState? dialog, CancellationToken cancellationToken)
    {
        var key = Key(channel, conversation);
        if (dialog is null)
        {
            await storage.DeleteAsync([key], cancellationToken);
            return;
        }

        await storage.WriteAsync(new Dictionary<string, object> { [key] = dialog }, cancellationToken);
    }

    /// <summary>The Bot Framework's own key shape for conversation state, with CniBot's property.</summary>
    internal static string Key(string channel, string conversation) => $"{channel}/conversations/{conversation}/cnibot.dialog";
}
