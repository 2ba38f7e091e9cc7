using System.Buffers;
using System.Text;
using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>
/// The log and error messages that sections say they explain (front matter <c>messages:</c>). A question that
/// quotes one, anywhere in a pasted log, is about that section: the message is matched whole, case and spacing
/// aside, never word by word.
/// </summary>
internal sealed class KnownMessages
{
    private readonly (string Written, string Message, int Section)[] messages;

    /// <summary>All the messages at once: one vectorised scan of the question finds where any of them starts.</summary>
    private readonly SearchValues<string> any;

    public KnownMessages(IReadOnlyList<KnowledgeSection> sections)
    {
        var list = new List<(string, string, int)>();
        for (var i = 0; i < sections.Count; i++)
        {
            foreach (var message in sections[i].Messages)
            {
                list.Add((message, Normalize(message), i));
            }
        }

        messages = [.. list];
        any = SearchValues.Create([.. messages.Select(m => m.Message).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
    }

    public int Count => messages.Length;

    /// <summary>The sections (by position in the list given) whose messages the text contains, in that list's order.</summary>
    public IReadOnlyList<int> Find(string text)
    {
        var found = new List<int>();
        foreach (var quoted in Quoted(text))
        {
            if (!found.Contains(quoted.Section))
            {
                found.Add(quoted.Section);
            }
        }

        return found;
    }

    /// <summary>
    /// Every message the text contains, as the knowledge writes it, in the order the sections declare them (which the
    /// ranking expects: the first one's section is boosted first), whatever their order in the text.
    /// </summary>
    public IReadOnlyList<QuotedMessage> Quoted(string text)
    {
        if (messages.Length == 0)
        {
            return [];
        }

        // Every place where some message starts is visited once.
        var normalized = Normalize(text).AsSpan();
        var matched = new bool[messages.Length];
        var anyMatched = false;
        for (var offset = 0; offset < normalized.Length;)
        {
            var at = normalized[offset..].IndexOfAny(any);
            if (at < 0)
            {
                break;
            }

            var rest = normalized[(offset + at)..];
            for (var i = 0; i < messages.Length; i++)
            {
                if (!matched[i] && messages[i].Message.Length > 0 && rest.StartsWith(messages[i].Message, StringComparison.Ordinal))
                {
                    matched[i] = anyMatched = true;
                }
            }

            offset += at + 1;
        }

        if (!anyMatched)
        {
            return [];
        }

        var quoted = new List<QuotedMessage>();
        for (var i = 0; i < messages.Length; i++)
        {
            if (matched[i])
            {
                quoted.Add(new QuotedMessage(i, messages[i].Written, messages[i].Section));
            }
        }

        return quoted;
    }

    /// <summary>Lower case, one space for any run of white space, quotes dropped.</summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (c is '"' or '\'' or '`' or '“' or '”' or '‘' or '’')
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(CharClasses.FoldWidth(c)));
        }

        return builder.ToString();
    }
}

/// <summary>A known message found in a text: its position among all the messages, as the knowledge writes it, and the
/// section (by position in the list the messages came from) that explains it.</summary>
internal readonly record struct QuotedMessage(int Index, string Written, int Section);
