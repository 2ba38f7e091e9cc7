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
        if (reply.Answer is { } answer)
        {
            // An answer leads with the passage that answers; the section it comes from follows.
            builder.Append(PassageMarkdown.Render(answer.Passages)).Append("\n\n");

            builder.Append("**").Append(reply.Title).Append("**\n");
            builder.Append(Texts.Source(reply.Language)).Append(": ").Append(Citation(answer.Section, options)).Append('\n');
            if (answer.Checked is { } checkedLine)
            {
                builder.Append('_').Append(checkedLine).Append("_\n");
            }

            foreach (var paragraph in reply.Paragraphs)
            {
                builder.Append('\n').Append(paragraph).Append('\n');
            }
        }
        else
        {
            builder.Append("**").Append(reply.Title).Append("**\n\n");
            foreach (var paragraph in reply.Paragraphs)
            {
                builder.Append(paragraph).Append("\n\n");
            }
        }

        if (reply.Kind == ReplyKind.DialogPrompt)
        {
            var number = 0;
            foreach (var action in reply.Actions.Where(a => a.Data.ContainsKey(ActionNames.Value)))
            {
                builder.Append(++number).Append(". ").Append(action.Label).Append('\n');
            }

            builder.Append('\n').Append(reply.Language.Pick("(type the number or the name; back, restart and cancel work at any step)", "（输入序号或名称；任何一步都可以输入“返回”“重新开始”“取消”）")).Append('\n');
        }

        if (reply.Table is { } table)
        {
            foreach (var row in table.Rows)
            {
                builder.Append("\n**").Append(row.Label).Append("**\n");
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    builder.Append("- ").Append(table.Columns[i]).Append(": ").Append(row.Values[i]).Append('\n');
                }

                builder.Append(Texts.Source(reply.Language)).Append(": ")
                    .AppendJoin(", ", row.Sources.Select(s => Citation(s, options)).Concat(row.Links)).Append('\n');
            }
        }

        foreach (var step in reply.Steps)
        {
            builder.Append("\n**").Append(Texts.StepTitle(reply.Language, step.Impact, step.Title)).Append("**\n").Append(step.Body).Append('\n');
            if (step.Sources.Count > 0)
            {
                builder.Append(Texts.Knowledge(reply.Language)).Append(": ").AppendJoin(", ", step.Sources.Select(s => Citation(s, options))).Append('\n');
            }
        }

        foreach (var note in reply.Notes)
        {
            builder.Append("\n_").Append(note).Append("_\n");
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
