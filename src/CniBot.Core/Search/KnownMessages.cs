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
    private readonly (string Message, int Section)[] messages;

    public KnownMessages(IReadOnlyList<KnowledgeSection> sections)
    {
        var list = new List<(string, int)>();
        for (var i = 0; i < sections.Count; i++)
        {
            foreach (var message in sections[i].Messages)
            {
                list.Add((Normalize(message), i));
            }
        }

        messages = [.. list];
    }

    public int Count => messages.Length;

    /// <summary>The sections (by position in the knowledge base) whose messages the text contains.</summary>
    public IReadOnlyList<int> Find(string text)
    {
        if (messages.Length == 0)
        {
            return [];
        }

        var normalized = Normalize(text);
        List<int>? found = null;
        foreach (var (message, section) in messages)
        {
            if (normalized.Contains(message, StringComparison.Ordinal) && (found is null || !found.Contains(section)))
            {
                (found ??= []).Add(section);
            }
        }

        return found ?? (IReadOnlyList<int>)[];
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
