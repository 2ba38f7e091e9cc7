using CniBot.Conversation;
using CniBot.Feedback;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// CniBot's Home tab in Slack (published with <c>views.publish</c> when a user opens it, <c>app_home_opened</c>):
/// what CniBot does, example questions in English and Chinese to press, buttons to start a diagnosis or the plugin
/// advisor, and for the maintainers named in <c>Slack:Maintainers</c> the questions left unanswered and the
/// sections rated unhelpful (with what users wrote) over the last four weeks. Buttons pressed here answer in the
/// user's direct messages with CniBot.
/// </summary>
public sealed class SlackHome(SlackApiClient slack, IFeedbackStore feedback, IOptions<SlackOptions> options, TimeProvider time)
{
    /// <summary>The period the maintainers' part looks back over.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromDays(28);

    /// <summary>How many unanswered questions and unhelpful sections the maintainers' part lists.</summary>
    public const int MaxListed = 5;

    /// <summary>A button's action that asks its <see cref="ActionNames.Question"/> as if typed.</summary>
    public const string Ask = "ask";

    /// <summary>Questions the Home tab offers to press, two per language (each is answered by the knowledge).</summary>
    public static readonly IReadOnlyList<string> Examples =
    [
        "Which ports must be open between nodes for Cilium?",
        "What MTU should Calico VXLAN use on GCP?",
        "Cilium 需要在节点之间开放哪些端口？",
        "如何限制单个 Pod 的出口带宽？",
    ];

    public async Task PublishAsync(string user, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var maintainer = options.Value.Maintainers.Contains(user, StringComparer.Ordinal);
        var report = maintainer ? FeedbackReport.From((await feedback.ReadAllAsync(cancellationToken)).Where(r => r.Time >= time.GetUtcNow() - Period)) : null;
        await slack.PublishHomeAsync(user, View(report), cancellationToken);
    }

    /// <summary>Offers the example questions as the agent conversation's suggested prompts (Slack shows four at most).</summary>
    public async Task SuggestPromptsAsync(string channel, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        await slack.SetSuggestedPromptsAsync(channel, "Try asking · 试试问", Examples.Select(q => (UserText.Fit(q, MaxPromptTitle), q)), cancellationToken);
    }

    /// <summary>The longest prompt title CniBot sets (the message carries the whole question).</summary>
    private const int MaxPromptTitle = 60;

    /// <summary>The Home tab's view; the maintainers' part when <paramref name="report"/> is given.</summary>
    public static JObject View(FeedbackReport? report)
    {
        var blocks = new JArray
        {
            new JObject { ["type"] = "header", ["text"] = Plain("CniBot") },
            BlockKitRenderer.Section("Answers on Kubernetes container networking (Flannel, Calico, Cilium, the cloud CNIs, Terway, Antrea, Multus) from the team's knowledge, cited to the section; guided checks that end in computed MTU, QoS and monitoring steps; and pasted `ip -d link`, `calicoctl node status` or `cilium status` read for what is wrong. Mention @CniBot in a channel, write to it here, or use `/cni`."),
            BlockKitRenderer.Section("用中文或英文提问容器网络问题（选型、MTU、QoS、跨区域排障），答案引用知识库章节；也可以粘贴命令输出让它诊断。"),
            new JObject { ["type"] = "divider" },
            BlockKitRenderer.Section("*Try asking · 试试问*"),
            Actions(Examples.Select((q, i) => Button($"cnibot-home-ask-{i}", q, new Dictionary<string, string> { [ActionNames.Action] = Ask, [ActionNames.Question] = q }))),
            Actions(
            [
                Button("cnibot-home-diagnose", "🩺 Diagnose · 诊断", Replies.Diagnose("Diagnose", Language.En).Data, primary: true),
                Button("cnibot-home-recommend", "Choose a CNI plugin · 选择 CNI 插件", Replies.Diagnose("Choose a CNI plugin", Language.En, "recommend").Data),
            ]),
        };
        if (report is not null)
        {
            blocks.Add(new JObject { ["type"] = "divider" });
            blocks.Add(new JObject { ["type"] = "header", ["text"] = Plain("For maintainers · 维护者 (last 4 weeks)") });
            blocks.Add(BlockKitRenderer.Section("*Unanswered questions*\n" + List(report.Unanswered.Take(MaxListed).Select(e => $"{e.Count} × {BlockKitRenderer.Escape(e.Subject)}"))));
            blocks.Add(BlockKitRenderer.Section("*Sections rated unhelpful*\n" + List(report.NegativeFeedback.Take(MaxListed).Select(e =>
                $"{e.Count} × `{BlockKitRenderer.Escape(e.Subject)}`" + string.Concat((e.Reasons ?? []).Select(r => $"\n      “{BlockKitRenderer.Escape(r.ReplaceLineEndings(" "))}”"))))));
            blocks.Add(BlockKitRenderer.Context($"{report.PositiveFeedback} answers rated helpful · the full list: `cnibot report`"));
        }

        return new JObject { ["type"] = "home", ["blocks"] = blocks };
    }

    private static string List(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines.Select(l => "• " + l));
        text = text.Length == 0 ? "none" : text;
        return UserText.Fit(text, BlockKitRenderer.MaxSectionText - 40);
    }

    private static JObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JObject Actions(IEnumerable<JObject> buttons) => new() { ["type"] = "actions", ["elements"] = new JArray(buttons) };

    private static JObject Button(string id, string label, IReadOnlyDictionary<string, string> data, bool primary = false)
    {
        var button = new JObject
        {
            ["type"] = "button",
            ["action_id"] = id,
            ["text"] = Plain(UserText.Fit(label, BlockKitRenderer.MaxButtonText)),
            ["value"] = JsonConvert.SerializeObject(data),
        };
        if (primary)
        {
            button["style"] = "primary";
        }

        return button;
    }
}
