using System.ComponentModel.DataAnnotations;

namespace CniBot.Knowledge;

/// <summary>Where the knowledge lives, bound from the <c>Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder; a relative path is taken from the folder that holds appsettings.json.</summary>
    [Required]
    public string Path { get; set; } = "knowledge";

    /// <summary>Quiet period after a change before the running bot reloads, so that a burst of saves makes one reload.</summary>
    [Range(0, 60_000)]
    public int ReloadDebounceMilliseconds { get; set; } = 500;

    /// <summary>
    /// Where the knowledge files can be read on the web (<c>https://github.com/acme/cnibot/blob/main</c>): citations
    /// link there. Empty: citations are plain <c>path#anchor</c>. Replies read it as
    /// <see cref="Conversation.ConversationOptions"/>.
    /// </summary>
    public string? SourceBaseUrl { get; set; }
}
