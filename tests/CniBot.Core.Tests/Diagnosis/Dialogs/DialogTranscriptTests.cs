using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Feedback;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Diagnosis.Dialogs;

public sealed class RealKnowledgeFixture : IDisposable
{
    public RealKnowledgeFixture() => Index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge));

    public LuceneKnowledgeIndex Index { get; }

    public void Dispose() => Index.Dispose();
}

/// <summary>Whole conversations with the diagnose dialog, from TestData/Dialogs (see its README for the notation).</summary>
public sealed class DialogTranscriptTests(RealKnowledgeFixture knowledge) : IClassFixture<RealKnowledgeFixture>, IDisposable
{
    private readonly TempFolder data = new();

    public static TheoryData<string> Transcripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestFiles.Path("Dialogs"), "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript_PlaysOut(string file)
    {
        using var feedback = new JsonLinesFeedbackStore(data.Root);
        var engine = new ConversationEngine(knowledge.Index, feedback, NullBotMetrics.Instance, TimeProvider.System);
        DialogState? dialog = null;
        TurnResult? turn = null;
        var lineNumber = 0;
        foreach (var raw in TestFiles.Read("Dialogs", file).Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            var where = $"{file}:{lineNumber}: {line}";
            if (line.StartsWith(">> ", StringComparison.Ordinal))
            {
                var value = line[3..];
                var data = new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Dialog };
                data[value.StartsWith('!') ? ActionNames.Command : ActionNames.Value] = value.TrimStart('!');
                turn = await engine.HandleAsync(new Turn("c", "u", null, data), dialog);
                dialog = turn.Dialog;
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                turn = await engine.HandleAsync(new Turn("c", "u", line[2..]), dialog);
                dialog = turn.Dialog;
            }
            else if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                Assert.True(turn is not null, where);
                Expect(turn, dialog, line[2..], where);
            }
        }
    }

    public void Dispose() => data.Dispose();

    private static void Expect(TurnResult turn, DialogState? dialog, string expectation, string where)
    {
        var last = turn.Replies[^1];
        var text = string.Join("\n", turn.Replies.Select(r => ReplyTextRenderer.Render(r, new ConversationOptions())));
        var (kind, expected) = expectation.IndexOf(": ", StringComparison.Ordinal) is var colon and >= 0
            ? (expectation[..colon], expectation[(colon + 2)..])
            : (expectation, string.Empty);
        switch (kind)
        {
            case "title":
                Assert.True(last.Title == expected, $"{where}\n  title was: {last.Title}");
                break;
            case "says":
                Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{where}\n  the replies were:\n{text}");
                break;
            case "lacks":
                Assert.False(text.Contains(expected, StringComparison.Ordinal), $"{where}\n  the replies were:\n{text}");
                break;
            case "kind":
                Assert.True(last.Kind.ToString() == expected, $"{where}\n  kind was: {last.Kind}");
                break;
            case "choices":
                var choices = last.Actions.Where(a => a.Data.ContainsKey(ActionNames.Value)).Select(a => a.Label).ToArray();
                Assert.True(string.Join(" | ", choices) == expected, $"{where}\n  choices were: {string.Join(" | ", choices)}");
                break;
            case "answer":
                var answer = turn.Replies.FirstOrDefault(r => r.Kind == ReplyKind.Answer);
                Assert.True(answer?.Answer?.Section.Anchor.StartsWith(expected, StringComparison.Ordinal) == true, $"{where}\n  the replies were:\n{text}");
                break;
            case "ended":
                Assert.True(dialog is null, $"{where}\n  a dialog is still running at step {dialog?.StepId}");
                break;
            case "running":
                Assert.True(dialog is not null, where);
                break;
            default:
                Assert.Fail($"{where}: unknown expectation");
                break;
        }
    }
}
