namespace CniBot.Conversation;

/// <summary>
/// How replies cite their sources. Not bound from configuration itself: the host fills it from
/// <see cref="Knowledge.KnowledgeOptions.SourceBaseUrl"/> (the <c>Knowledge</c> section has one class).
/// </summary>
public sealed class ConversationOptions
{
    /// <summary>
    /// Where the knowledge files can be read on the web, for example
    /// <c>https://github.com/acme/cnibot/blob/main</c>; citations become links to <c>{base}/{path}#{anchor}</c>.
    /// Empty: citations are shown as plain <c>path#anchor</c>.
    /// </summary>
    public string? SourceBaseUrl { get; set; }

    /// <summary>The link for a section, or null when no <see cref="SourceBaseUrl"/> is set.</summary>
    public Uri? LinkFor(Knowledge.KnowledgeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (string.IsNullOrWhiteSpace(SourceBaseUrl) || !Uri.TryCreate(SourceBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root))
        {
            return null;
        }

        return new Uri(root, RelativeLink(section));
    }

    /// <summary>The section's file and anchor as a relative URL (<c>knowledge/en/mtu.md#…</c>, escaped).</summary>
    public static string RelativeLink(Knowledge.KnowledgeSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = string.Join('/', section.Path.Split('/').Select(Uri.EscapeDataString));
        return path + (section.Anchor.Length == 0 ? string.Empty : "#" + Uri.EscapeDataString(section.Anchor));
    }
}
