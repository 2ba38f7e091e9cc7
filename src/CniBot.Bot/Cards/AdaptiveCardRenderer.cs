using System.Text;
using CniBot.Conversation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Cards;

/// <summary>
/// Renders a reply as an Adaptive Card 1.5, the JSON that Teams, Web Chat and the Emulator display. Buttons are
/// <c>Action.Submit</c>: their data comes back as the activity's <c>value</c>.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// Teams rejects messages over about 28 KB; the card stays under this, leaving room for the activity around it.
    /// </summary>
    public const int MaxCardBytes = 26 * 1024;

    public static JObject Render(Reply reply, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var excerptLimit = reply.Answer?.Excerpt.Length ?? 0;
        var includeRelated = true;
        while (true)
        {
            var card = Build(reply, options, excerptLimit, includeRelated);
            if (Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) <= MaxCardBytes || excerptLimit <= 200)
            {
                return card;
            }

            // Too big: first drop the related sections, then halve the excerpt until it fits.
            if (includeRelated && reply.Related.Count > 0)
            {
                includeRelated = false;
            }
            else
            {
                excerptLimit /= 2;
            }
        }
    }

    private static JObject Build(Reply reply, ConversationOptions options, int excerptLimit, bool includeRelated)
    {
        var body = new JArray
        {
            TextBlock(reply.Title, ("weight", new JValue("Bolder")), ("size", new JValue("Medium"))),
        };
        foreach (var paragraph in reply.Paragraphs)
        {
            body.Add(TextBlock(paragraph));
        }

        if (reply.Answer is { } answer)
        {
            body.Add(TextBlock(EscapeKeepingEmphasis(Cut(answer.Excerpt, excerptLimit))));
            body.Add(TextBlock($"{Texts(reply.Language, "Source", "来源")}: {Citation(answer.Section, options)}", ("isSubtle", new JValue(true)), ("size", new JValue("Small"))));
        }

        if (includeRelated && reply.Related.Count > 0)
        {
            body.Add(TextBlock(Texts(reply.Language, "Related", "相关内容"), ("weight", new JValue("Bolder")), ("size", new JValue("Small")), ("spacing", new JValue("Medium"))));
            var related = new JArray();
            foreach (var section in reply.Related)
            {
                body.Add(TextBlock($"• {Escape(section.Heading)} ({Citation(section, options)})", ("size", new JValue("Small"))));
                related.Add(Submit(section.Heading, ActionNames.ShowData(section)));
            }

            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = related });
        }

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = reply.Language == Language.Zh ? "zh-CN" : "en",
            ["fallbackText"] = Cut(ReplyTextRenderer.Render(reply, options), 1000),
            ["body"] = body,
        };
        if (reply.Actions.Count > 0)
        {
            card["actions"] = new JArray(reply.Actions.Select(a => Submit(a.Label, a.Data)));
        }

        return card;
    }

    // Tokens are built as JValues directly: JToken.FromObject goes through the serializer's reflection, which
    // showed up in profiles of the answer path.
    private static JObject TextBlock(string text, params (string Key, JValue Value)[] properties)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        foreach (var (key, value) in properties)
        {
            block[key] = value;
        }

        return block;
    }

    private static JObject Submit(string title, IReadOnlyDictionary<string, string> data)
    {
        var values = new JObject();
        foreach (var (key, value) in data)
        {
            values[key] = value;
        }

        return new JObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = values };
    }

    private static string Citation(Knowledge.KnowledgeSection section, ConversationOptions options)
    {
        var link = options.LinkFor(section);
        return link is null ? Escape(section.Citation) : $"[{Escape(section.Citation)}]({link.AbsoluteUri})";
    }

    private static string Texts(Language language, string en, string zh) => language == Language.Zh ? zh : en;

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..limit].TrimEnd() + "…";

    /// <summary>
    /// Adaptive Cards read TextBlock text as markdown, so <c>node_nf_conntrack_entries</c> would turn italic. The
    /// excerpt marks matches as <c>**word**</c>: those stay bold, every other markdown character is escaped.
    /// </summary>
    internal static string EscapeKeepingEmphasis(string excerpt)
    {
        var parts = excerpt.Split("**");
        if (parts.Length % 2 == 0)
        {
            return Escape(excerpt); // Unbalanced markers: show everything literally.
        }

        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Escape(parts[i]);
        }

        return string.Join("**", parts);
    }

    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '#' or '~' or '<' or '>')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
