using CniBot.Diagnosis.Calculators;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Inspection;

/// <summary>
/// Logs and events: a line that quotes a message some section of the knowledge says it explains (front matter
/// <c>messages:</c>, the same list search matches whole) is a finding that leads with that section's answer. Maintainers
/// add messages in the knowledge, without code. The section's own tagged steps ("Check (read-only): …", "Fix (changes
/// …): …") are the finding's fix and verify steps (<see cref="SectionSteps"/>).
/// </summary>
internal static class KnownMessageCheck
{
    private const int MaxAnswerLength = 600;

    /// <summary>
    /// Each knowledge base's English sections that declare messages, with the matcher search uses over them: built
    /// once per knowledge base, not for every paste.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnowledgeBase, Declarations> Declared = [];

    private sealed record Declarations(KnowledgeSection[] Sections, KnownMessages Messages);

    private static Declarations DeclaredIn(KnowledgeBase knowledge) =>
        Declared.GetValue(knowledge, k =>
        {
            KnowledgeSection[] sections = [.. k.Sections.Where(s => s.Language == Language.En && s.Messages.Count > 0)];
            return new Declarations(sections, new KnownMessages(sections));
        });

    public static void Run(InspectionState state, KnowledgeBase knowledge)
    {
        // Lines a dedicated check already explained ("table full, dropping packet") are not told twice.
        var explained = state.QuotedLines();
        var declared = DeclaredIn(knowledge);

        // Per section, in the knowledge's order: the first of its messages (as it declares them) that the paste
        // quotes, and up to three lines that quote any of them, in the paste's order.
        var found = new SortedDictionary<int, (QuotedMessage First, List<string> Lines)>();
        foreach (var pasted in state.Paste.Lines)
        {
            var line = pasted.Trim();
            if (line.Length == 0 || explained.Contains(line))
            {
                continue;
            }

            foreach (var quoted in declared.Messages.Quoted(line))
            {
                var (first, lines) = found.TryGetValue(quoted.Section, out var entry) ? entry : (quoted, new List<string>());
                found[quoted.Section] = (quoted.Index < first.Index ? quoted : first, lines);
                if (lines.Count < 3 && !lines.Contains(line))
                {
                    lines.Add(line);
                }
            }
        }

        foreach (var (index, (first, quotedLines)) in found)
        {
            var section = declared.Sections[index];
            state.Recognised(OutputKinds.Log);
            var shown = state.Language == Language.Zh ? knowledge.Counterpart(section) ?? section : section;
            var answer = shown.Passages.Count > 0 ? shown.Passages[0].Text : shown.PlainText;
            var source = $"{section.DocumentId}#{section.Anchor}";
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"\"{first.Written}\": {shown.Heading}", $"\"{first.Written}\"：{shown.Heading}"),
                quotedLines,
                [UserText.Fit(answer, MaxAnswerLength + 1)],
                [.. SectionSteps.Of(shown, source), new(state.Pick("Read the whole section", "阅读完整小节"), shown.Citation, StepImpact.ReadOnly, [source])],
                [source]));
        }
    }
}
