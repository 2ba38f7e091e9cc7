using CniBot.Conversation;
using CniBot.Knowledge;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Cards;

/// <summary>
/// An answer as Teams shows answers in 2026: the passage that answers as the message's own markdown text with an
/// in-text citation marker (<c>[1]</c>, related sections <c>[2]</c>, <c>[3]</c>), the schema.org <c>Message</c>
/// entity whose <c>citation</c> claims Teams opens as its citation pop-ups (title, link to the knowledge section,
/// abstract, keywords with the releases and date the section was checked), and Teams' own feedback buttons
/// (<c>channelData.feedbackLoop</c>). The answer is not marked as AI-generated: it is quoted from the knowledge. An
/// Adaptive Card goes along for what text cannot carry: tables and code (then the whole card, with the passage) or
/// just the buttons (more from the section, the other language, related sections, diagnose).
/// </summary>
public static class TeamsAnswerRenderer
{
    /// <summary>Teams' limits for a citation's appearance.</summary>
    public const int MaxName = 80;
    public const int MaxAbstract = 160;
    public const int MaxKeywords = 3;
    public const int MaxKeyword = 28;

    /// <summary>The rendered answer: the message text, its <c>entities</c>, <c>channelData</c> and card (or none).</summary>
    public sealed record Message(string Text, JObject Entity, JObject ChannelData, JObject? Card);

    /// <param name="link">Where a citation's title links to (the knowledge section), or null for no link.</param>
    public static Message Render(Reply reply, ConversationOptions options, Func<KnowledgeSection, string?> link)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(link);
        var answer = reply.Answer ?? throw new ArgumentException("only an answer carries citations", nameof(reply));

        // Teams' own 👍/👎 replace the card's rating buttons.
        var buttons = reply with { Actions = [.. reply.Actions.Where(a => a.Data.GetValueOrDefault(ActionNames.Action) != ActionNames.Feedback)] };
        var cardCarriesMore = answer.Passages.Any(p => p.Kind is PassageKind.TableRow or PassageKind.Code);
        var lines = new List<string>
        {
            cardCarriesMore || answer.Passages.Count == 0 ? $"**{reply.Title}** [1]" : PassageMarkdown.Render(answer.Passages) + " [1]",
        };
        lines.AddRange(reply.Notes.Select(n => $"_{n}_"));
        if (reply.Related.Count > 0)
        {
            lines.Add(Texts.Related(reply.Language) + ": " + string.Join(" · ", reply.Related.Select((s, i) => $"{s.Heading} [{i + 2}]")));
        }

        var claims = new JArray { Claim(1, answer.Section.Heading, answer.PlainText, link(answer.Section), Keywords(answer.Section, answer.Document, reply.Language)) };
        for (var i = 0; i < reply.Related.Count; i++)
        {
            var section = reply.Related[i];
            claims.Add(Claim(i + 2, section.Heading, section.Passages.Count > 0 ? section.Passages[0].Text : section.Heading, link(section), Keywords(section, null, reply.Language)));
        }

        var entity = new JObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["citation"] = claims,
        };
        var channelData = new JObject { ["feedbackLoop"] = new JObject { ["type"] = "default" } };
        var card = cardCarriesMore ? AdaptiveCardRenderer.Render(buttons, options) : AdaptiveCardRenderer.RenderButtons(buttons);
        return new Message(string.Join("\n\n", lines), entity, channelData, card);
    }

    private static JObject Claim(int position, string name, string text, string? url, IEnumerable<string> keywords)
    {
        var appearance = new JObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = UserText.Fit(name, MaxName),
            ["abstract"] = UserText.Fit(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), MaxAbstract),
        };
        if (url is not null)
        {
            appearance["url"] = url;
        }

        var kept = keywords.Where(k => k.Length > 0).Select(k => UserText.Fit(k, MaxKeyword)).Distinct(StringComparer.Ordinal).Take(MaxKeywords).ToArray();
        if (kept.Length > 0)
        {
            appearance["keywords"] = new JArray(kept);
        }

        return new JObject { ["@type"] = "Claim", ["position"] = position, ["appearance"] = appearance };
    }

    /// <summary>The section's file, when its document was last checked, and the first release it was checked against.</summary>
    private static IEnumerable<string> Keywords(KnowledgeSection section, KnowledgeDocument? document, Language language)
    {
        yield return section.Citation.Split('#')[0].Replace("knowledge/", string.Empty, StringComparison.Ordinal);
        if (document?.Updated is { } updated)
        {
            yield return language.Pick("checked ", "核对于 ") + updated.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (document?.AppliesTo.Count > 0)
        {
            yield return document.AppliesTo[0];
        }
    }
}
