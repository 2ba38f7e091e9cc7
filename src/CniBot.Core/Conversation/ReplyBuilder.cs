using CniBot.Advice;
using CniBot.Diagnosis.Calculators;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// The replies built from one knowledge snapshot: a cited section with its buttons (rating, more, the other
/// language, diagnose), the honest "no good answer", a calculator's result, a comparison, and "about".
/// </summary>
internal sealed class ReplyBuilder(KnowledgeBase knowledge)
{
    /// <summary>Findings shown per paste: channels limit a message's size, and the worst come first.</summary>
    internal const int MaxFindings = 4;

    /// <summary>The diagnose flow (knowledge/diagnostics/mtu.yaml) that pasted output can start with answers given.</summary>
    internal const string MtuFlow = "mtu";

    /// <summary>A question is echoed into rating buttons; a bound keeps cards small.</summary>
    internal const int MaxEchoedQuestion = 300;

    public KnowledgeBase Knowledge => knowledge;

    /// <summary>
    /// A section as the answer (with the rating buttons, which carry <paramref name="question"/>), or as shown on
    /// request (<see cref="ReplyKind.Section"/>). <paramref name="asked"/> is the question as searched, for the
    /// note when it names a version older than the section covers.
    /// </summary>
    public Reply Section(ReplyKind kind, KnowledgeSection section, IReadOnlyList<AnswerPassage> passages, IReadOnlyList<KnowledgeSection> related, string? question, string? asked = null)
    {
        var language = section.Language;
        var actions = new List<ReplyAction>();
        if (kind == ReplyKind.Answer)
        {
            actions.Add(Rating(Texts.Helpful, section, helpful: true, question));
            actions.Add(Rating(Texts.NotHelpful, section, helpful: false, question));
            if (section.Passages.Count > passages.Count)
            {
                actions.Add(Show(Texts.MoreFromSection(language), section));
            }
        }

        if (knowledge.Counterpart(section) is { } other)
        {
            actions.Add(Show(Texts.OtherLanguageLabel(other.Language), other));
        }

        if (knowledge.Flows.Count > 0)
        {
            actions.Add(Replies.Diagnose(Texts.DiagnoseLabel(language), language));
        }

        var document = knowledge.FindDocument(section.DocumentId, section.Language);
        return new Reply
        {
            Kind = kind,
            Language = language,
            Title = $"{section.DocumentTitle} › {section.Heading}",
            Answer = new CitedSection(section, passages, Freshness.Checked(document, language)) { Document = document },
            Notes = asked is null ? [] : Freshness.OlderVersionNotes(asked, document, language),
            Related = related.Take(2).ToArray(),
            Actions = actions,
        };
    }

    /// <summary>A search's best hit as the answer, the next ones as related sections.</summary>
    public Reply Answer(SearchResult result, string question) =>
        Section(ReplyKind.Answer, result.Hits[0].Section, Passages(result.Hits[0]), [.. result.Hits.Skip(1).Select(h => h.Section)], Echo(question), result.Question);

    /// <summary>The whole section, as a "show" button asks for it.</summary>
    public Reply Shown(KnowledgeSection section) => Section(ReplyKind.Section, section, [.. section.Passages.Select(AnswerPassage.Of)], [], question: null);

    /// <summary>"No good answer": the question quoted safely, the closest documents as buttons, and that it was recorded.</summary>
    public static Reply NoAnswer(SearchResult result)
    {
        var language = result.Language;
        var paragraphs = new List<string> { Texts.NoAnswerExplanation(language, UserText.Quote(result.Question)) };
        if (result.Suggestions.Count > 0)
        {
            paragraphs.Add(Texts.NoAnswerClosest(language) + " " + string.Join(" · ", result.Suggestions.Select(d => d.Title)));
        }

        paragraphs.Add(Texts.NoAnswerPhrasing(language));
        paragraphs.Add(Texts.NoAnswerRecorded(language));
        return new Reply
        {
            Kind = ReplyKind.NoAnswer,
            Language = language,
            Title = Texts.NoAnswerTitle(language),
            Paragraphs = paragraphs,
            Actions = result.Suggestions.Where(d => d.Sections.Count > 0).Select(d => Show(d.Title, d.Sections[0])).ToArray(),
        };
    }

    /// <summary>A calculator's result: its working, its steps with their sources in the reply's language, its notes.</summary>
    public Reply Result(ReplyKind kind, CalculationResult result, Language language) => new()
    {
        Kind = kind,
        Language = language,
        Title = result.Headline,
        Paragraphs = result.Working,
        Steps = result.Steps.Select(s => new ResultStep(s.Title, s.Body, s.Impact, Sections(s.Sources, language))).ToArray(),
        Notes = result.Notes,
        Actions = [Replies.Diagnose(Texts.DiagnoseLabel(language), language)],
    };

    /// <summary>
    /// What pasted output shows: each finding (worst first, at most <see cref="MaxFindings"/>) as a step with its
    /// evidence lines in monospace and its working, followed by its fix and verify steps (a step two findings share is
    /// shown once); healthy output says what was read; output nothing recognises lists what CniBot reads.
    /// </summary>
    public Reply Inspection(Inspection.InspectionReport report)
    {
        var language = report.Language;
        if (!report.Recognised)
        {
            return UnrecognisedOutput(language);
        }

        var kinds = string.Join(", ", report.Kinds);
        var steps = new List<ResultStep>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in report.Findings.Take(MaxFindings))
        {
            var body = "```\n" + string.Join('\n', finding.Evidence) + "\n```" + (finding.Working.Count > 0 ? "\n" + string.Join('\n', finding.Working) : string.Empty);
            steps.Add(new ResultStep($"{Texts.Severity(language, finding.Severity)} {finding.Title}", body, null, Sections(finding.Sources.Where(s => !IsLink(s)), language)));
            foreach (var step in finding.Steps.Where(s => shown.Add(s.Title + "\n" + s.Body)))
            {
                steps.Add(new ResultStep(step.Title, step.Body, step.Impact, Sections(step.Sources, language)));
            }
        }

        return new Reply
        {
            Kind = ReplyKind.Inspection,
            Language = language,
            Title = report.Findings.Count == 0 ? Texts.OutputHealthyTitle(language, kinds) : Texts.OutputFindingsTitle(language, report.Findings.Count, kinds),
            Paragraphs = report.Findings.Count == 0 ? report.Summary : [Texts.OutputRead(language)],
            Steps = steps,
            Notes = report.Findings.Count == 0 ? [] : report.Summary,

            // The MTU check, started with what the output already answered.
            Actions = [report.Known.Count > 0 ? Replies.Diagnose(Texts.DiagnoseLabel(language), language, MtuFlow, report.Known) : Replies.Diagnose(Texts.DiagnoseLabel(language), language)],
        };
    }

    /// <summary>A paste CniBot cannot read and the knowledge cannot answer: the commands whose output it reads.</summary>
    public static Reply UnrecognisedOutput(Language language) => new()
    {
        Kind = ReplyKind.Inspection,
        Language = language,
        Title = Texts.OutputNotRecognisedTitle(language),
        Paragraphs = [Texts.OutputNotRecognised(language), .. global::CniBot.Inspection.OutputKinds.Commands],
        Actions = [Replies.Diagnose(Texts.DiagnoseLabel(language), language)],
    };

    /// <summary>The dimensions in which the plugins differ, with each cell's sources.</summary>
    public Reply Comparison(Comparison comparison, Language language)
    {
        var names = comparison.Plugins.Select(p => p.Name).ToArray();
        var rows = comparison.Dimensions.Select(d => new ReplyTableRow(
            d.Dimension.Label.In(language),
            [.. d.Cells.Select(c => c.Text.In(language))],
            Sections(d.Cells.Select(c => c.Source).Where(s => !IsLink(s)).Distinct(), language),
            [.. d.Cells.Select(c => c.Source).Where(IsLink).Distinct()])).ToArray();
        var same = knowledge.Advisor.Dimensions.Count - rows.Length;
        return new Reply
        {
            Kind = ReplyKind.Comparison,
            Language = language,
            Title = string.Join(" vs ", names),
            Paragraphs = [rows.Length == 0 ? Texts.ComparisonSame(language) : Texts.ComparisonDiffers(language, rows.Length, same)],
            Table = new ReplyTable(names, rows),
            Actions = [Interview(language)],
        };
    }

    /// <summary>The button that starts the recommendation interview.</summary>
    public static ReplyAction Interview(Language language) => Replies.Diagnose(Texts.RecommendLabel(language), language, ConversationEngine.RecommendFlow);

    public Reply About(Language language) => new()
    {
        Kind = ReplyKind.About,
        Language = language,
        Title = Texts.AboutTitle(language),
        Paragraphs =
        [
            Texts.AboutKnowledge(language, knowledge.Documents.Select(d => d.Id).Distinct().Count(), knowledge.Sections.Count, knowledge.LastUpdated),
            Texts.AboutHonesty(language),
        ],
    };

    /// <summary>Knowledge sections named as <c>id#anchor</c> of the English documents, in the reply's language.</summary>
    public KnowledgeSection[] Sections(IEnumerable<string> keys, Language language) =>
        [.. keys.Select(k => knowledge.FindSource(k, language)).OfType<KnowledgeSection>()];

    /// <summary>The question as the rating buttons carry it: cut to <see cref="MaxEchoedQuestion"/> characters.</summary>
    internal static string Echo(string question) => question.Length <= MaxEchoedQuestion ? question : UserText.Bound(question, MaxEchoedQuestion) + "…";

    /// <summary>The passage that answers, or the whole section when it has none to single out.</summary>
    internal static IReadOnlyList<AnswerPassage> Passages(SearchHit hit) =>
        hit.Answer.Count > 0 ? hit.Answer : [.. hit.Section.Passages.Select(AnswerPassage.Of)];

    private static bool IsLink(string source) => source.StartsWith("https://", StringComparison.Ordinal);

    private static ReplyAction Rating(string label, KnowledgeSection section, bool helpful, string? question)
    {
        var data = new Dictionary<string, string>
        {
            [ActionNames.Action] = ActionNames.Feedback,
            [ActionNames.Helpful] = helpful ? "true" : "false",
            [ActionNames.Section] = section.Key,
        };
        if (!string.IsNullOrEmpty(question))
        {
            data[ActionNames.Question] = question;
        }

        return new ReplyAction(label, data);
    }

    private static ReplyAction Show(string label, KnowledgeSection section) => new(label, ActionNames.ShowData(section));
}
