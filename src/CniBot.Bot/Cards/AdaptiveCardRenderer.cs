using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;
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

    /// <summary>The element id of the reply's title (first in most cards; after the passage in an answer).</summary>
    public const string TitleId = "title";

    public static JObject Render(Reply reply, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var passages = reply.Answer?.Passages.Count ?? 0;
        var includeRelated = true;
        while (true)
        {
            var card = Build(reply, options, passages, includeRelated);
            if (JsonSize.Utf8Bytes(card) <= MaxCardBytes || passages <= 1)
            {
                return card;
            }

            // Too big (a whole section asked for): first drop the related sections, then passages from the end; the
            // card then says the rest is at the source.
            if (includeRelated && reply.Related.Count > 0)
            {
                includeRelated = false;
            }
            else
            {
                passages = Math.Max(1, passages * 2 / 3);
            }
        }
    }

    /// <summary>
    /// A card of the reply's buttons only (related sections, then its actions), for a message whose text already
    /// carries the answer (Teams); null when the reply has no buttons.
    /// </summary>
    public static JObject? RenderButtons(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Related.Count == 0 && reply.Actions.Count == 0)
        {
            return null;
        }

        var body = new JArray();
        if (reply.Related.Count > 0)
        {
            body.Add(new JObject { ["type"] = "ActionSet", ["actions"] = new JArray(reply.Related.Select(s => Submit(s.Heading, ActionNames.ShowData(s)))) });
        }

        return Card(reply, body, reply.Actions);
    }

    private static JObject Build(Reply reply, ConversationOptions options, int passageLimit, bool includeRelated)
    {
        var body = new JArray();
        if (reply.Answer is { } answer)
        {
            // An answer leads with the passage that answers; the section it comes from, and its citation, follow.
            var shown = answer.Passages.Take(passageLimit).ToArray();
            for (var i = 0; i < shown.Length; i++)
            {
                if (shown[i].Kind == PassageKind.TableRow)
                {
                    // Consecutive rows of one table are shown as one table.
                    var rows = new List<AnswerPassage> { shown[i] };
                    while (i + 1 < shown.Length && shown[i + 1].Kind == PassageKind.TableRow && PassageMarkdown.SameHeader(shown[i + 1], shown[i]))
                    {
                        rows.Add(shown[++i]);
                    }

                    body.Add(Table(rows));
                }
                else
                {
                    AddPassage(body, shown[i]);
                }
            }

            if (passageLimit < answer.Passages.Count)
            {
                body.Add(Rich([Run("…", subtle: true)]));
            }

            var heading = Rich([Run(reply.Title, bold: true)]);
            heading["id"] = TitleId;
            heading["separator"] = true;
            heading["spacing"] = "Medium";
            body.Add(heading);
            body.Add(Rich([Run(Texts.Source(reply.Language) + ": ", subtle: true, small: true), CitationRun(answer.Section, options)]));
            if (answer.Checked is { } checkedLine)
            {
                body.Add(Rich([Run(checkedLine, subtle: true, small: true)]));
            }
            foreach (var paragraph in reply.Paragraphs)
            {
                body.Add(TextBlock(paragraph));
            }
        }
        else
        {
            var title = Rich([Run(reply.Title, bold: true, size: "Medium")]);
            title["id"] = TitleId;
            body.Add(title);
            foreach (var paragraph in reply.Paragraphs)
            {
                body.Add(TextBlock(paragraph));
            }
        }

        if (includeRelated && reply.Related.Count > 0)
        {
            body.Add(TextBlock(Texts.Related(reply.Language), ("weight", new JValue("Bolder")), ("size", new JValue("Small")), ("spacing", new JValue("Medium"))));
            var related = new JArray();
            foreach (var section in reply.Related)
            {
                body.Add(Rich([Run("• " + section.Heading + " (", small: true), CitationRun(section, options), Run(")", small: true)]));
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
                body.Add(code ? CodeBlock(text) : TextBlock(text));
            }

            if (step.Sources.Count > 0)
            {
                body.Add(Rich([Run(Texts.Knowledge(reply.Language) + ": ", subtle: true, small: true), .. Joined(step.Sources.Select(s => CitationRun(s, options)))]));
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

        return Card(reply, body, reply.Actions.Except(choices).ToArray(), UserText.Fit(ReplyTextRenderer.Render(reply, options), 1000));
    }

    /// <summary>The card around a body: Adaptive Cards 1.5 in the reply's language, the given actions as its own.</summary>
    private static JObject Card(Reply reply, JArray body, IReadOnlyCollection<ReplyAction> actions, string? fallbackText = null)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["lang"] = reply.Language == Language.Zh ? "zh-CN" : "en",
        };
        if (fallbackText is not null)
        {
            card["fallbackText"] = fallbackText;
        }

        card["body"] = body;
        if (actions.Count > 0)
        {
            card["actions"] = new JArray(actions.Select(a => Submit(a.Label, a.Data)));
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

        var header = Columns(table.Columns.Select(c => Rich([Run(c, bold: true)])));
        header["separator"] = true;
        header["spacing"] = "Medium";
        body.Add(header);
        foreach (var row in table.Rows)
        {
            var label = Rich([Run(row.Label, bold: true)]);
            label["spacing"] = "Medium";
            label["separator"] = true;
            body.Add(label);
            body.Add(Columns(row.Values.Select(v => Rich([Run(v, small: true)]))));
            var sources = row.Sources.Select(s => CitationRun(s, options)).Concat(row.Links.Select(l => Run(new Uri(l).Host, small: true, url: l))).ToArray();
            if (sources.Length > 0)
            {
                body.Add(Rich([Run(Texts.Source(language) + ": ", subtle: true, small: true), .. Joined(sources)]));
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

    /// <summary>
    /// A passage as card elements. Text goes into TextRuns, which cards never read as markdown, so that keys like
    /// <c>FELIX_IPINIPMTU</c> and paths like <c>wireguard_network.go</c> show as written with no escape character:
    /// a table row becomes a Table with its header row, code a monospace block after its introduction, a list item a
    /// bulleted line.
    /// </summary>
    private static void AddPassage(JArray body, AnswerPassage passage)
    {
        switch (passage.Kind)
        {
            case PassageKind.TableRow:
                body.Add(Table([passage]));
                break;
            case PassageKind.Code:
                if (passage.Body.Runs.Count > 0)
                {
                    body.Add(Rich(Runs(passage.Body)));
                }

                body.Add(CodeBlock(passage.Code!));
                break;
            default:
                var bullet = passage.Kind == PassageKind.ListItem;
                foreach (var line in Lines(passage.Body))
                {
                    body.Add(Rich(bullet ? [Run("• "), .. Runs(line)] : Runs(line)));
                    bullet = false;
                }

                break;
        }
    }

    /// <summary>Table rows under their (shared) header row, as an Adaptive Card 1.5 Table.</summary>
    private static JObject Table(List<AnswerPassage> rows)
    {
        var header = rows[0].Header;
        var columns = Math.Max(header.Count, rows.Max(r => r.Cells.Count));
        JObject Row(IReadOnlyList<RichText> cells) => new()
        {
            ["type"] = "TableRow",
            ["cells"] = new JArray(Enumerable.Range(0, columns).Select(i => new JObject
            {
                ["type"] = "TableCell",
                ["items"] = new JArray(Rich(i < cells.Count ? Runs(cells[i]) : [])),
            })),
        };
        var table = new JArray();
        if (header.Count > 0)
        {
            table.Add(Row(header));
        }

        foreach (var row in rows)
        {
            table.Add(Row(row.Cells));
        }

        return new JObject
        {
            ["type"] = "Table",
            ["columns"] = new JArray(Enumerable.Range(0, columns).Select(_ => new JObject { ["width"] = 1 })),
            ["rows"] = table,
            ["firstRowAsHeader"] = header.Count > 0,
            ["showGridLines"] = true,
        };
    }

    /// <summary>Code in a monospace run inside an emphasised container: shown as written, line breaks kept.</summary>
    private static JObject CodeBlock(string code) => new()
    {
        ["type"] = "Container",
        ["style"] = "emphasis",
        ["items"] = new JArray(Rich([new JObject { ["type"] = "TextRun", ["text"] = code.TrimEnd('\n'), ["fontType"] = "Monospace", ["size"] = "Small" }])),
    };

    /// <summary>Rich text split at its line breaks: a card shows one RichTextBlock per line.</summary>
    private static IEnumerable<RichText> Lines(RichText text)
    {
        var line = new List<TextRun>();
        foreach (var run in text.Runs)
        {
            var parts = run.Text.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    yield return new RichText(line);
                    line = [];
                }

                if (parts[i].Length > 0)
                {
                    line.Add(run with { Text = parts[i] });
                }
            }
        }

        yield return new RichText(line);
    }

    private static JObject[] Runs(RichText text) => text.Runs.Select(r => Run(
        r.Text,
        bold: (r.Style & (RunStyle.Strong | RunStyle.Highlight)) != 0,
        italic: (r.Style & RunStyle.Emphasis) != 0,
        monospace: (r.Style & RunStyle.Code) != 0,
        url: r.Url)).ToArray();

    private static JObject Rich(JObject[] runs) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JArray(runs) };

    private static JObject Run(string text, bool bold = false, bool italic = false, bool monospace = false, bool subtle = false, bool small = false, string? size = null, string? url = null)
    {
        var run = new JObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (italic)
        {
            run["italic"] = true;
        }

        if (monospace)
        {
            run["fontType"] = "Monospace";
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (small || size is not null)
        {
            run["size"] = size ?? "Small";
        }

        // Only absolute http(s) links become clickable; a relative link in the knowledge stays text.
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            run["selectAction"] = new JObject { ["type"] = "Action.OpenUrl", ["url"] = uri.AbsoluteUri };
            run["color"] = "Accent";
        }

        return run;
    }

    /// <summary><c>path#anchor</c> as a run, a link when a source base URL is configured.</summary>
    private static JObject CitationRun(Knowledge.KnowledgeSection section, ConversationOptions options) =>
        Run(section.Citation, subtle: true, small: true, url: options.LinkFor(section)?.AbsoluteUri);

    private static JObject[] Joined(IEnumerable<JObject> runs)
    {
        var list = new List<JObject>();
        foreach (var run in runs)
        {
            if (list.Count > 0)
            {
                list.Add(Run(" · ", subtle: true, small: true));
            }

            list.Add(run);
        }

        return [.. list];
    }

}
