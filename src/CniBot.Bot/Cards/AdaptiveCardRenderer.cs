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
            body.Add(TextBlock($"{Texts.Source(reply.Language)}: {Citation(answer.Section, options)}", ("isSubtle", new JValue(true)), ("size", new JValue("Small"))));
        }

        if (includeRelated && reply.Related.Count > 0)
        {
            body.Add(TextBlock(Texts.Related(reply.Language), ("weight", new JValue("Bolder")), ("size", new JValue("Small")), ("spacing", new JValue("Medium"))));
            var related = new JArray();
            foreach (var section in reply.Related)
            {
                body.Add(TextBlock($"• {Escape(section.Heading)} ({Citation(section, options)})", ("size", new JValue("Small"))));
                related.Add(Submit(section.Heading, ActionNames.ShowData(section)));
            }

            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = related });
        }

        if (reply.Table is { } table)
        {
            AddTable(body, table, reply.Language, options);
        }

        foreach (var step in reply.Steps)
        {
            body.Add(TextBlock(Texts.StepTitle(reply.Language, step.Impact, step.Title, string.Empty, " · "), ("weight", new JValue("Bolder")), ("spacing", new JValue("Medium"))));
            foreach (var (code, text) in Segments(step.Body))
            {
                body.Add(code
                    ? TextBlock(Escape(text), ("fontType", new JValue("Monospace")), ("size", new JValue("Small")))
                    : TextBlock(text));
            }

            if (step.Sources.Count > 0)
            {
                body.Add(TextBlock($"{Texts.Knowledge(reply.Language)}: {string.Join(" · ", step.Sources.Select(s => Citation(s, options)))}", ("isSubtle", new JValue(true)), ("size", new JValue("Small"))));
            }
        }

        foreach (var note in reply.Notes)
        {
            body.Add(TextBlock(note, ("isSubtle", new JValue(true)), ("size", new JValue("Small"))));
        }

        // Dialog choices go in the body as rows of at most five buttons (clients show few actions per set);
        // back and cancel stay in the card's own actions.
        var choices = reply.Kind == ReplyKind.DialogPrompt ? reply.Actions.Where(a => a.Data.ContainsKey(ActionNames.Value)).ToArray() : [];
        foreach (var row in choices.Chunk(5))
        {
            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(row.Select(a => Submit(a.Label, a.Data))) });
        }

        var cardActions = reply.Actions.Except(choices).ToArray();
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = reply.Language == Language.Zh ? "zh-CN" : "en",
            ["fallbackText"] = Cut(ReplyTextRenderer.Render(reply, options), 1000),
            ["body"] = body,
        };
        if (cardActions.Length > 0)
        {
            card["actions"] = new JArray(cardActions.Select(a => Submit(a.Label, a.Data)));
        }

        return card;
    }

    /// <summary>A header row of column names, then per row its label, one column per value, and its sources.</summary>
    private static void AddTable(JArray body, ReplyTable table, Language language, ConversationOptions options)
    {
        JObject Columns(IEnumerable<JObject> cells) => new()
        {
            ["type"] = "ColumnSet",
            ["columns"] = new JArray(cells.Select(c => new JObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JArray(c) })),
        };

        var header = Columns(table.Columns.Select(c => TextBlock(Escape(c), ("weight", new JValue("Bolder")))));
        header["separator"] = true;
        header["spacing"] = "Medium";
        body.Add(header);
        foreach (var row in table.Rows)
        {
            body.Add(TextBlock(Escape(row.Label), ("weight", new JValue("Bolder")), ("spacing", new JValue("Medium")), ("separator", new JValue(true))));
            body.Add(Columns(row.Values.Select(v => TextBlock(Escape(v), ("size", new JValue("Small"))))));
            var sources = row.Sources.Select(s => Citation(s, options)).Concat(row.Links.Select(l => $"[{Escape(new Uri(l).Host)}]({l})")).ToArray();
            if (sources.Length > 0)
            {
                body.Add(TextBlock($"{Texts.Source(language)}: {string.Join(" · ", sources)}", ("isSubtle", new JValue(true)), ("size", new JValue("Small"))));
            }
        }
    }

    // Tokens are built as JValues directly: JToken.FromObject goes through the serializer's reflection, which
    // showed up in profiles of the answer path.
    /// <summary>Markdown split at ``` fences: prose, and code that is shown in a monospace block.</summary>
    private static IEnumerable<(bool Code, string Text)> Segments(string markdown)
    {
        var parts = markdown.Split("```");
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i % 2 == 1)
            {
                // Drop the info string of the fence ("yaml", "bash").
                var newline = part.IndexOf('\n', StringComparison.Ordinal);
                part = newline >= 0 && !part[..newline].Contains(' ', StringComparison.Ordinal) ? part[(newline + 1)..] : part;
            }

            if (!string.IsNullOrWhiteSpace(part))
            {
                yield return (i % 2 == 1, part.Trim('\n'));
            }
        }
    }

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
