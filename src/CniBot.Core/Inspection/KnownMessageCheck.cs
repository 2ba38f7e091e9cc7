using CniBot.Diagnosis.Calculators;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Inspection;

/// <summary>
/// Logs and events: a line that quotes a message some section of the knowledge says it explains (front matter
/// <c>messages:</c>, the same list search matches whole) is a finding that leads with that section's answer. Maintainers
/// add messages in the knowledge, without code.
/// </summary>
internal static class KnownMessageCheck
{
    private const int MaxAnswerLength = 600;

    /// <summary>
    /// Each knowledge base's English sections that declare messages, with the messages as written and folded
    /// (<see cref="KnownMessages.Normalize"/>): folded once per knowledge base, not for every pasted message.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnowledgeBase, (KnowledgeSection Section, (string Known, string Folded)[] Messages)[]> Declared = [];

    private static (KnowledgeSection Section, (string Known, string Folded)[] Messages)[] DeclaredIn(KnowledgeBase knowledge) =>
        Declared.GetValue(knowledge, k => [.. k.Sections
            .Where(s => s.Language == Language.En && s.Messages.Count > 0)
            .Select(s => (s, s.Messages.Select(m => (m, KnownMessages.Normalize(m))).ToArray()))]);

    public static void Run(InspectionState state, KnowledgeBase knowledge)
    {
        // Lines a dedicated check already explained ("table full, dropping packet") are not told twice.
        var explained = state.QuotedLines();
        var lines = state.Paste.Lines.Select(l => (Line: l.Trim(), Folded: KnownMessages.Normalize(l))).Where(l => l.Line.Length > 0 && !explained.Contains(l.Line)).ToArray();
        foreach (var (section, messages) in DeclaredIn(knowledge))
        {
            var quoted = new List<string>();
            string? message = null;
            foreach (var (known, folded) in messages)
            {
                foreach (var (line, text) in lines)
                {
                    if (quoted.Count < 3 && text.Contains(folded, StringComparison.Ordinal))
                    {
                        message ??= known;
                        if (!quoted.Contains(line))
                        {
                            quoted.Add(line);
                        }
                    }
                }
            }

            if (message is null)
            {
                continue;
            }

            state.Recognised(OutputKinds.Log);
            var shown = state.Language == Language.Zh ? knowledge.Counterpart(section) ?? section : section;
            var answer = shown.Passages.Count > 0 ? shown.Passages[0].Text : shown.PlainText;
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"\"{message}\": {shown.Heading}", $"\"{message}\"：{shown.Heading}"),
                quoted,
                [UserText.Fit(answer, MaxAnswerLength + 1)],
                [new(state.Pick("Read the whole section", "阅读完整小节"), shown.Citation, StepImpact.ReadOnly, [$"{section.DocumentId}#{section.Anchor}"])],
                [$"{section.DocumentId}#{section.Anchor}"]));
        }
    }
}
