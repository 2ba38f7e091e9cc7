namespace CniBot.Conversation;

/// <summary>What CniBot says, in both languages. Kept in one place so that translations stay side by side.</summary>
public static class Texts
{
    public static readonly string[] HelpCommands = ["help", "帮助", "?", "？", "/help", "help me", "帮助一下", "使用说明"];

    public static readonly string[] AboutCommands = ["about", "关于", "/about", "version", "版本"];

    public static string HelpTitle(Language l) => l.Pick("What I can help with", "我能帮你做什么");

    public static IReadOnlyList<string> HelpParagraphs(Language l) =>
    [
        l.Pick(
            "Ask me about choosing, tuning and troubleshooting Kubernetes CNI plugins (Flannel, Calico, Cilium, AWS VPC CNI, Azure CNI, GKE Dataplane V2, Terway, MACVLAN/Multus), especially across regions and clouds. Every answer cites its source.",
            "可以问我 Kubernetes CNI 插件（Flannel、Calico、Cilium、AWS VPC CNI、Azure CNI、GKE Dataplane V2、Terway、MACVLAN/Multus）的选型、调优和排障，尤其是跨区域、跨云的场景。每个回答都会注明出处。"),
        l.Pick(
            "Try: “What MTU should Calico VXLAN use over inter-region peering?”, “Which ports must be open for Cilium?”, “Why do DNS lookups take 5 seconds?”",
            "例如：“Calico VXLAN 的 MTU 怎么设？”、“Cilium 需要开放哪些端口？”、“跨区域丢包怎么排查？”"),
        l.Pick(
            "Commands: **help** (this message), **about** (what I know and where it comes from), **diagnose** (a guided check that ends in computed settings), **compare calico cilium** (side by side, with sources), **recommend** (which CNI fits your clouds and needs; or ask “AWS + GCP, need FQDN egress policy, which CNI?”). Below every answer: 👍/👎 to tell maintainers whether it helped, and a button for the other language.",
            "命令：**帮助**（本说明）、**关于**（知识库的内容和来源）、**诊断**（引导式检查，给出计算好的配置）、**Calico 和 Cilium 对比**（并排对比并注明来源）、**推荐**（按你的云和需求推荐 CNI；也可以直接问“AWS 加 GCP，需要按域名控制出站，选哪个 CNI？”）。每个回答下方：👍/👎 告诉维护者是否有用，另有按钮切换语言。"),
    ];

    public static string AboutTitle(Language l) => l.Pick("About CniBot", "关于 CniBot");

    public static string AboutKnowledge(Language l, int documents, int sections, DateOnly? updated) => l.Pick(
        $"I answer only from a curated knowledge base: {documents} documents with {sections} sections in English and Chinese{(updated is null ? string.Empty : $", last updated {updated:yyyy-MM-dd}")}. Every fact in it carries its source link.",
        $"我只根据整理过的知识库回答：共 {documents} 篇文档、{sections} 个小节，中英文各一份{(updated is null ? string.Empty : $"，最近更新于 {updated:yyyy-MM-dd}")}。其中每个事实都附有来源链接。");

    public static string AboutHonesty(Language l) => l.Pick(
        "When the knowledge has no good answer I say so instead of guessing, and the question is recorded so that maintainers can add one.",
        "知识库里没有可靠答案时，我会直接说明而不是猜测，并记录下这个问题，方便维护者补充。");

    public static string WelcomeTitle => "Hi, I'm CniBot · 你好，我是 CniBot";

    public static IReadOnlyList<string> WelcomeParagraphs =>
    [
        "I answer questions about Kubernetes container networking (CNI plugin choice, MTU, QoS, monitoring, troubleshooting across regions and clouds), citing my sources. Type **help** to see what I can do.",
        "我可以回答 Kubernetes 容器网络的问题（CNI 插件选型、MTU、QoS、监控、跨区域和跨云排障），并注明出处。输入 **帮助** 查看使用说明。",
    ];

    public static string NoAnswerTitle(Language l) => l.Pick("No good answer in the knowledge base", "知识库里没有可靠的答案");

    public static string NoAnswerExplanation(Language l, string question) => l.Pick(
        $"I found no section that answers “{question}” well, so I won't guess.",
        $"没有找到能很好回答“{question}”的小节，我不想乱猜。");

    public static string NoAnswerClosest(Language l) => l.Pick("Closest topics:", "最接近的主题：");

    public static string NoAnswerPhrasing(Language l) => l.Pick(
        "Try naming the plugin, the cloud or the symptom, for example “Calico VXLAN MTU on AWS” or “Cilium WireGuard ports”.",
        "可以试着写明插件、云厂商或现象，例如“AWS 上 Calico VXLAN 的 MTU”或“Cilium WireGuard 端口”。");

    public static string NoAnswerRecorded(Language l) => l.Pick(
        "I've recorded the question so that maintainers can add an answer.",
        "这个问题已记录，维护者会据此补充内容。");

    public static string EmptyQuestion(Language l) => l.Pick("Ask me a question about container networking.", "请提一个容器网络方面的问题。");

    public static string Helpful => "👍";

    public static string NotHelpful => "👎";

    public static string OtherLanguageLabel(Language target) => target == Language.Zh ? "中文" : "English";

    public static string ThanksTitle(Language l) => l.Pick("Thanks for the feedback", "谢谢反馈");

    public static string ThanksHelpful(Language l) => l.Pick("Glad it helped.", "很高兴能帮上忙。");

    public static string ThanksNotHelpful(Language l) => l.Pick(
        "Noted: maintainers review answers marked unhelpful. Rephrasing the question may find a better section.",
        "已记录：维护者会检查被标记为没有帮助的回答。换一种问法也许能找到更合适的小节。");

    public static string SectionGoneTitle(Language l) => l.Pick("That section is no longer there", "该小节已不存在");

    public static string SectionGone(Language l) => l.Pick(
        "The knowledge was updated since that button was shown. Ask the question again to get the current answer.",
        "按钮显示之后知识库已更新。请重新提问以获得最新的回答。");

    public static string UnknownAction(Language l) => l.Pick(
        "I didn't understand that button, so here is what I can do.",
        "无法识别这个按钮，下面是我能做的事情。");

    public static readonly string[] DiagnoseCommands = ["diagnose", "诊断", "/diagnose", "troubleshoot", "排障"];

    public static string DiagnoseLabel(Language l) => l.Pick("🩺 Diagnose", "🩺 诊断");

    /// <summary>Commands that start the plugin-choice interview.</summary>
    public static readonly string[] RecommendCommands = ["recommend", "/recommend", "choose a cni", "which cni", "推荐", "选型", "选择 cni", "选 cni"];

    public static string RecommendLabel(Language l) => l.Pick("🧭 Recommend for my setup", "🧭 按我的情况推荐");

    public static string ComparisonDiffers(Language l, int differ, int same) => same == 0
        ? l.Pick($"They differ in all {differ} dimensions, shown below with their sources.", $"两者在全部 {differ} 个维度上都不同，见下表及来源。")
        : l.Pick(
        $"They differ in {differ} of {differ + same} dimensions, shown below with their sources; the other {same} are the same.",
        $"两者在 {differ + same} 个维度中有 {differ} 个不同，见下表及来源；其余 {same} 个相同。");

    public static string ComparisonSame(Language l) => l.Pick("The matrix shows no difference between them.", "矩阵中它们没有差别。");

    public static string BackLabel(Language l) => l.Pick("← Back", "← 返回");

    public static string CancelLabel(Language l) => l.Pick("Cancel", "取消");

    public static string BackToTheCheck(Language l) => l.Pick("Back to the check:", "回到诊断：");

    public static string RateLimitedTitle(Language l) => l.Pick("Slow down a little", "请稍慢一点");

    public static string RateLimited(Language l, Hosting.TurnLimit limit) => limit.Scope == "user"
        ? l.Pick(
            $"You've sent more than {limit.Limit} messages in {Minutes(limit.Window)}, so I'm pausing your questions for a moment. Try again within {Minutes(limit.Window)}; nothing you asked before is lost.",
            $"你在 {MinutesZh(limit.Window)}内发送了超过 {limit.Limit} 条消息，我先暂停回答你的问题。请在 {MinutesZh(limit.Window)}内再试，之前的内容不会丢失。")
        : l.Pick(
            $"This conversation has sent more than {limit.Limit} messages in {Minutes(limit.Window)}, so I'm pausing here for a moment. Try again within {Minutes(limit.Window)}.",
            $"这个会话在 {MinutesZh(limit.Window)}内发送了超过 {limit.Limit} 条消息，我先暂停一下。请在 {MinutesZh(limit.Window)}内再试。");

    private static string Minutes(TimeSpan window) => window.TotalMinutes is 1 ? "a minute" : $"{window.TotalMinutes:0.#} minutes";

    private static string MinutesZh(TimeSpan window) => window.TotalMinutes is 1 ? "一分钟" : $"{window.TotalMinutes:0.#} 分钟";

    public static string StateUnavailableTitle(Language l) => l.Pick("Guided checks are unavailable right now", "引导式诊断暂时不可用");

    public static string StateUnavailable(Language l) => l.Pick(
        "I can't reach the store that keeps dialogs, so I can't run a check or remember where one was. Questions still work: ask away. Try the check again in a few minutes.",
        "暂时连不上保存对话进度的存储，所以现在无法进行诊断，也记不住诊断进行到哪一步。提问不受影响，请继续提问；几分钟后再试诊断。");

    public static string DialogCancelledTitle(Language l) => l.Pick("Check cancelled", "诊断已取消");

    public static string DialogCancelled(Language l) => l.Pick("Ask me anything, or type **diagnose** to start a check again.", "可以继续提问，或输入 **诊断** 重新开始。");

    public static string DialogEnded(Language l) => l.Pick("That check has already ended; here is the list again.", "那个诊断已经结束，下面重新列出可选项目。");

    public static string Knowledge(Language l) => l.Pick("Knowledge", "知识库");

    /// <summary>A step's title with its impact tag ("[🔍 read-only] Check the MTU"); steps that are not actions get none.</summary>
    public static string StepTitle(Language l, Diagnosis.Calculators.StepImpact? impact, string title, string open = "[", string close = "] ") =>
        impact is { } known ? open + Impact(l, known) + close + title : title;

    public static string Impact(Language l, Diagnosis.Calculators.StepImpact impact) => impact switch
    {
        Diagnosis.Calculators.StepImpact.ReadOnly => l.Pick("🔍 read-only", "🔍 只读"),
        Diagnosis.Calculators.StepImpact.Change => l.Pick("✏️ change", "✏️ 变更"),
        _ => l.Pick("⚠️ disruptive", "⚠️ 有中断"),
    };

    public static string Source(Language l) => l.Pick("Source", "来源");

    public static string Related(Language l) => l.Pick("Related", "相关内容");

    public static string MoreFromSection(Language l) => l.Pick("More from this section", "查看本节全文");

    public static string Apology(Language l) => l.Pick(
        "Sorry, something went wrong on my side. I've reset our conversation; please ask again.",
        "抱歉，我这边出了点问题。对话已重置，请再问一次。");

    public static string OutputFindingsTitle(Language l, int count, string kinds) => l.Pick(
        $"{count} problem(s) in the {kinds} output",
        $"{kinds} 输出中发现 {count} 个问题");

    public static string OutputHealthyTitle(Language l, string kinds) => l.Pick($"The {kinds} output looks healthy", $"{kinds} 输出看起来正常");

    public static string OutputRead(Language l) => l.Pick(
        "Read from your paste, worst first; each fix is tagged with what it touches.",
        "以下根据你贴出的输出判断，按严重程度排列；每个修复步骤都标明了影响。");

    public static string OutputNotRecognisedTitle(Language l) => l.Pick("I do not recognise this output", "没有认出这段输出");

    public static string OutputNotRecognised(Language l) => l.Pick(
        "It is not output of a command I read, and the knowledge base has no good answer for it either. I read the output of:",
        "这不是我能读的命令输出，知识库里也没有可靠的答案。我能读的命令输出有：");

    public static string Severity(Language l, Inspection.Severity severity) => severity switch
    {
        Inspection.Severity.Error => l.Pick("Error:", "错误："),
        Inspection.Severity.Warning => l.Pick("Warning:", "警告："),
        _ => l.Pick("Note:", "提示："),
    };
}
