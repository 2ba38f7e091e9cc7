using CniBot.Diagnosis.Dialogs;

namespace CniBot.Conversation;

/// <summary>
/// Where a conversation's running diagnose dialog is kept between turns: in the process by default (bounded), in
/// Redis when several replicas serve the same conversations. Channel-neutral: the Bot Framework and Slack use the
/// same store through <see cref="TurnHandler"/>.
/// </summary>
public interface IDialogStore
{
    /// <returns>The dialog, or null when none is running.</returns>
    /// <exception cref="Hosting.StateStoreUnavailableException">The store cannot be reached or cannot serve now.</exception>
    Task<DialogState?> LoadAsync(string channel, string conversation, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="dialog"/> as the conversation's dialog; null ends it.</summary>
    /// <exception cref="Hosting.StateStoreUnavailableException">The store cannot be reached or cannot serve now.</exception>
    Task SaveAsync(string channel, string conversation, DialogState? dialog, CancellationToken cancellationToken);
}
