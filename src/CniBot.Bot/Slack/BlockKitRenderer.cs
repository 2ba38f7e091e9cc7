using System.Text;
using System.Text.RegularExpressions;
using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>A Slack message: notification text (also the fallback) and Block Kit blocks.</summary>
public sealed record SlackMessage(string Text, JArray Blocks);

/// <summary>
/// Renders a reply as Block Kit within Slack's limits. Every text is escaped for mrkdwn (&amp;, &lt;, &gt;) and mass
/// mentions are broken, so that neither a question echoed back nor a knowledge file can ping a whole channel.
/// </summary>
public static partial class BlockKitRenderer
{
    // Slack's limits (docs.slack.dev/reference/block-kit/blocks; slack_sdk/models/blocks).
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    private const int ButtonsPerRow = 5;

    /// <summary>The key in a button's value that names the conversation it belongs to.</summary>
    public const string ConversationKey = "conv";

    public static SlackMessage Render(Reply reply, ConversationOptions options, string? conversation = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = new List<JObject>();
        if (reply.Answer is { } answer)
        {
            // An answer leads with the passage that answers; the section it comes from, and its citation, follow.
            foreach (var passage in answer.Passages)
            {
                blocks.Add(Passage(passage));
            }

            blocks.Add(Context($"{Bold(reply.Title)} · {Texts.Source(reply.Language)}: {Citation(answer.Section, options)}{(answer.Checked is { } checkedLine ? " · " + Escape(checkedLine) : string.Empty)}"));
            blocks.AddRange(reply.Paragraphs.Select(p => Section(Mrkdwn(p))));
        }
        else
        {
            blocks.Add(Section(Bold(reply.Title)));
            blocks.AddRange(reply.Paragraphs.Select(p => Section(Mrkdwn(p))));
        }

        if (reply.Related.Count > 0)
        {
            blocks.Add(Context($"{Texts.Related(reply.Language)}: " + string.Join(" · ", reply.Related.Select(s => $"{Escape(s.Heading)} ({Citation(s, options)})"))));
        }

        if (reply.Table is { } table)
        {
            // A row per dimension: its label, the values as fields side by side (at most 10 fields), its sources.
            foreach (var row in table.Rows)
            {
                var fields = table.Columns.Zip(row.Values).Take(MaxFields)
                    .Select(f => new JObject { ["type"] = "mrkdwn", ["text"] = UserText.Fit($"{Bold(f.First)}\n{Escape(f.Second)}", MaxFieldText) });
                blocks.Add(new JObject
                {
                    ["type"] = "section",
                    ["text"] = new JObject { ["type"] = "mrkdwn", ["text"] = Bold(row.Label) },
                    ["fields"] = new JArray(fields),
                });
                var sources = row.Sources.Select(s => Citation(s, options)).Concat(row.Links.Select(l => $"<{l}|{Escape(new Uri(l).Host)}>")).ToArray();
                if (sources.Length > 0)
                {
                    blocks.Add(Context($"{Texts.Source(reply.Language)}: {string.Join(" · ", sources)}"));
                }
            }
        }

        foreach (var step in reply.Steps)
        {
            blocks.Add(new JObject { ["type"] = "divider" });
            blocks.Add(Section($"{Bold(Texts.StepTitle(reply.Language, step.Impact, step.Title))}\n{Mrkdwn(step.Body)}"));
            if (step.Sources.Count > 0)
            {
                blocks.Add(Context($"{Texts.Knowledge(reply.Language)}: " + string.Join(" · ", step.Sources.Select(s => Citation(s, options)))));
            }
        }

        blocks.AddRange(reply.Notes.Select(n => Context(Mrkdwn(n))));

        // 👍/👎 are Slack's own feedback buttons (a context_actions block); the other buttons stay buttons.
        var helpful = reply.Actions.FirstOrDefault(a => IsRating(a, true));
        var unhelpful = reply.Actions.FirstOrDefault(a => IsRating(a, false));
        var rated = helpful is not null && unhelpful is not null;
        var buttons = reply.Actions.Where(a => !rated || (a != helpful && a != unhelpful)).Select((a, i) => Button(a, i, conversation)).ToArray();
        var rows = buttons.Chunk(ButtonsPerRow).Select(row => new JObject { ["type"] = "actions", ["elements"] = new JArray(row) }).ToList();
        if (rated)
        {
            rows.Insert(0, Feedback(helpful!, unhelpful!, conversation));
        }

        // Keep the buttons whatever happens: cut content blocks first, and say that the rest is in the source.
        var room = MaxBlocks - rows.Count;
        if (blocks.Count > room)
        {
            blocks = [.. blocks.Take(room - 1), Context(reply.Answer is { } a ? $"… {Citation(a.Section, options)}" : "…")];
        }

        return new SlackMessage(Escape(Plain(reply)), new JArray(blocks.Concat(rows)));
    }

    /// <summary>Slack's own escaping: only &amp;, &lt; and &gt; are control characters in mrkdwn.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        // A zero-width space after the @ keeps "@here", "@channel" and "@everyone" from notifying anyone.
        return MassMention().Replace(escaped, "@\u200B$1");
    }

    /// <summary>
    /// Markdown as CniBot writes it (**bold**, `code`, ``` blocks) to mrkdwn (*bold*). Slack reads <c>*</c> as bold
    /// only next to a space or punctuation, so "设为*1410*即可" shows its asterisks: a zero-width space on each side of
    /// the markers keeps bold bold between Chinese characters, and costs nothing elsewhere.
    /// </summary>
    private static string Mrkdwn(string markdown) => MarkdownBold().Replace(Escape(markdown), "\u200B*$1*\u200B");

    /// <summary>Text in bold that stays bold next to Chinese characters (see <see cref="Mrkdwn"/>), escaped.</summary>
    private static string Bold(string text) => $"\u200B*{Escape(text)}*\u200B";

    [GeneratedRegex(@"\*\*(\S(?:[^*\n]{0,2000}?\S)?)\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownBold();

    internal static JObject Section(string text, Uri? more = null)
    {
        if (text.Length > MaxSectionText)
        {
            var tail = more is null ? "…" : $"… <{more.AbsoluteUri}|more>";
            text = UserText.Bound(text, MaxSectionText - tail.Length) + tail;
        }

        return new JObject { ["type"] = "section", ["text"] = new JObject { ["type"] = "mrkdwn", ["text"] = text } };
    }


    internal static JObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JArray(new JObject { ["type"] = "mrkdwn", ["text"] = UserText.Fit(text, MaxSectionText) }),
    };

    private static JObject Button(ReplyAction action, int index, string? conversation) => new()
    {
        ["type"] = "button",
        ["action_id"] = $"cnibot-{index}",
        ["text"] = new JObject { ["type"] = "plain_text", ["text"] = Label(action), ["emoji"] = true },
        ["value"] = Value(action, conversation),
    };

    /// <summary>
    /// The rating pair as Slack's feedback buttons (a <c>context_actions</c> block holding a <c>feedback_buttons</c>
    /// element). The pressed button's value comes back in a block_actions payload like any button's, so it is
    /// recorded the same way.
    /// </summary>
    private static JObject Feedback(ReplyAction helpful, ReplyAction unhelpful, string? conversation) => new()
    {
        ["type"] = "context_actions",
        ["elements"] = new JArray(new JObject
        {
            ["type"] = "feedback_buttons",
            ["action_id"] = "cnibot-feedback",
            ["positive_button"] = new JObject { ["text"] = new JObject { ["type"] = "plain_text", ["text"] = Label(helpful) }, ["value"] = Value(helpful, conversation) },
            ["negative_button"] = new JObject { ["text"] = new JObject { ["type"] = "plain_text", ["text"] = Label(unhelpful) }, ["value"] = Value(unhelpful, conversation) },
        }),
    };

    private static bool IsRating(ReplyAction action, bool helpful) =>
        action.Data.GetValueOrDefault(ActionNames.Action) == ActionNames.Feedback && action.Data.GetValueOrDefault(ActionNames.Helpful) == (helpful ? "true" : "false");

    private static string Label(ReplyAction action) => UserText.Fit(action.Label, MaxButtonText);

    /// <summary>The action's data as the button's value (Slack's limit: 2,000 characters), with the conversation.</summary>
    private static string Value(ReplyAction action, string? conversation)
    {
        var data = new Dictionary<string, string>(action.Data);
        if (conversation is not null)
        {
            data[ConversationKey] = conversation;
        }

        var value = JsonConvert.SerializeObject(data);
        if (value.Length > MaxButtonValue && data.Remove(ActionNames.Question))
        {
            value = JsonConvert.SerializeObject(data); // The echoed question is a nicety; the action must fit.
        }

        return value;
    }

    private static string Citation(KnowledgeSection section, ConversationOptions options)
    {
        var link = options.LinkFor(section);
        return link is null ? $"`{Escape(section.Citation)}`" : $"<{link.AbsoluteUri}|{Escape(section.Citation)}>";
    }

    /// <summary>The notification text: the title and the first paragraph or the excerpt.</summary>
    private static string Plain(Reply reply)
    {
        var builder = new StringBuilder(reply.Title);
        var first = reply.Answer?.PlainText ?? (reply.Paragraphs.Count > 0 ? reply.Paragraphs[0] : null);
        if (first is not null)
        {
            builder.Append(": ").Append(first.Replace("**", string.Empty, StringComparison.Ordinal));
        }

        var text = builder.ToString();
        return UserText.Fit(text, 300);
    }

    /// <summary>
    /// A passage as a block: prose and list items as <c>rich_text</c> (styles as attributes, so nothing is read as
    /// mrkdwn and nothing needs escaping, which also keeps bold text next to Chinese characters intact), a table row
    /// as section fields under their header names, code as a preformatted block after its introduction.
    /// </summary>
    private static JObject Passage(AnswerPassage passage)
    {
        switch (passage.Kind)
        {
            case PassageKind.TableRow:
                var fields = passage.Cells.Select((cell, i) => (Name: i < passage.Header.Count ? passage.Header[i].Text : string.Empty, Value: cell.Text))
                    .Take(MaxFields)
                    .Select(f => new JObject { ["type"] = "mrkdwn", ["text"] = UserText.Fit(f.Name.Length > 0 ? $"{Bold(f.Name)}\n{Escape(f.Value)}" : Escape(f.Value), MaxFieldText) });
                return new JObject { ["type"] = "section", ["fields"] = new JArray(fields) };
            case PassageKind.Code:
                var elements = new JArray();
                if (passage.Body.Runs.Count > 0)
                {
                    elements.Add(RichSection(passage.Body));
                }

                elements.Add(new JObject
                {
                    ["type"] = "rich_text_preformatted",
                    ["elements"] = new JArray(new JObject { ["type"] = "text", ["text"] = UserText.Fit(passage.Code!, MaxSectionText) }),
                });
                return new JObject { ["type"] = "rich_text", ["elements"] = elements };
            case PassageKind.ListItem:
                return new JObject
                {
                    ["type"] = "rich_text",
                    ["elements"] = new JArray(new JObject { ["type"] = "rich_text_list", ["style"] = "bullet", ["elements"] = new JArray(RichSection(passage.Body)) }),
                };
            default:
                return new JObject { ["type"] = "rich_text", ["elements"] = new JArray(RichSection(passage.Body)) };
        }
    }

    private static JObject RichSection(RichText text)
    {
        var elements = new JArray();
        foreach (var run in text.Runs)
        {
            var content = MassMention().Replace(UserText.Fit(run.Text, MaxSectionText), "@\u200B$1");
            var style = new JObject();
            if ((run.Style & (RunStyle.Strong | RunStyle.Highlight)) != 0)
            {
                style["bold"] = true;
            }

            if ((run.Style & RunStyle.Emphasis) != 0)
            {
                style["italic"] = true;
            }

            if ((run.Style & RunStyle.Code) != 0)
            {
                style["code"] = true;
            }

            var element = run.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? new JObject { ["type"] = "link", ["url"] = uri.AbsoluteUri, ["text"] = content }
                : new JObject { ["type"] = "text", ["text"] = content };
            if (style.Count > 0)
            {
                element["style"] = style;
            }

            elements.Add(element);
        }

        return new JObject { ["type"] = "rich_text_section", ["elements"] = elements };
    }

    [GeneratedRegex("@(here|channel|everyone)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex MassMention();
}
