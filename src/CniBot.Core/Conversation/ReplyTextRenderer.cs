using System.Text;

namespace CniBot.Conversation;

/// <summary>Renders a reply as markdown text: the terminal's output and the fallback for channels without cards.</summary>
public static class ReplyTextRenderer
{
    public static string Render(Reply reply, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StringBuilder();
        builder.Append("**").Append(reply.Title).Append("**\n\n");
        foreach (var paragraph in reply.Paragraphs)
        {
            builder.Append(paragraph).Append("\n\n");
        }

        if (reply.Answer is { } answer)
        {
            builder.Append(answer.Excerpt).Append("\n\n");
            builder.Append(Texts.Source(reply.Language)).Append(": ").Append(Citation(answer.Section, options)).Append('\n');
        }

        if (reply.Related.Count > 0)
        {
            builder.Append('\n').Append(Texts.Related(reply.Language)).Append(":\n");
            foreach (var section in reply.Related)
            {
                builder.Append("- ").Append(section.Heading).Append(" (").Append(Citation(section, options)).Append(")\n");
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary><c>path#anchor</c>, as a markdown link when a source base URL is configured.</summary>
    public static string Citation(Knowledge.KnowledgeSection section, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var link = options.LinkFor(section);
        return link is null ? $"`{section!.Citation}`" : $"[{section!.Citation}]({link.AbsoluteUri})";
    }
}
