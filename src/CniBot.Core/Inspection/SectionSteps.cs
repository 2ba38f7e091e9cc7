using System.Text;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;
using CniBot.Knowledge;

namespace CniBot.Inspection;

/// <summary>
/// The fix and verify steps a knowledge section spells out, as steps of a finding. The knowledge tags what a step
/// touches where it gives one: "Check (read-only): …", "**(reads only)** …", "Fix (changes the node): …",
/// "(disruptive)", and in Chinese "（只读）", "（会修改配置）", "（会中断业务）". Each passage carrying such a tag is a
/// step with that impact (the strongest when a passage carries several), titled by its leading label when it has
/// one, with the commands it quotes (inline code starting with a known program, or its code block) set out to copy.
/// </summary>
internal static partial class SectionSteps
{
    /// <summary>At most this many steps from one section; the full section is always the last step.</summary>
    internal const int MaxSteps = 4;

    private const int MaxLabelLength = 60;

    private const int MaxBodyLength = 700;

    /// <summary>Programs whose invocation an inline code span can be: a span starting with one of them is a command to copy.</summary>
    private static readonly HashSet<string> Programs = new(StringComparer.Ordinal)
    {
        "kubectl", "calicoctl", "cilium", "cilium-dbg", "hubble", "antctl", "ip", "nc", "ping", "tracepath", "traceroute",
        "mtr", "arping", "sysctl", "conntrack", "dmesg", "journalctl", "systemctl", "crictl", "aws", "az", "gcloud",
        "eksctl", "helm", "kubeadm", "k3s", "rke2", "iptables", "iptables-save", "ip6tables", "ipvsadm", "nft", "ethtool",
        "tcpdump", "dig", "nslookup", "curl", "cat", "modprobe", "lsmod", "wg", "bpftool", "ss", "ovs-vsctl", "ovs-ofctl",
        "kube-ovn", "kubectl-ko", "aliyun", "sudo",
    };

    /// <summary>The steps of <paramref name="section"/> that carry an impact tag, in the section's order.</summary>
    public static IReadOnlyList<Recommendation> Of(KnowledgeSection section, string source)
    {
        var steps = new List<Recommendation>();
        var passages = section.Passages;
        for (var i = 0; i < passages.Count && steps.Count < MaxSteps; i++)
        {
            var passage = passages[i];
            var text = passage.Kind == PassageKind.Code ? passage.Body.Text : passage.Text;
            if (ImpactOf(text) is not { } impact)
            {
                continue;
            }

            // A paragraph and the code block it introduces are one step; the block is not told again on its own.
            var code = passage.Kind == PassageKind.Code ? passage : IntroducedCode(passages, i);
            if (code is not null && code != passage)
            {
                i++;
            }

            var (title, rest) = Label(text, impact, section.Language);
            var commands = code is not null
                ? [code.Code!.TrimEnd('\n')]
                : passage.Body.Runs.Where(r => r.Style.HasFlag(RunStyle.Code) && IsCommand(r.Text)).Select(r => r.Text).Distinct(StringComparer.Ordinal).ToArray();
            if (rest.Length == 0 && commands.Length == 0)
            {
                continue; // a label that introduces a list: its items carry their own tags
            }

            var body = new StringBuilder(UserText.Fit(rest, MaxBodyLength + 1));
            if (commands.Length > 0)
            {
                body.Append(body.Length > 0 ? "\n```\n" : "```\n").AppendJoin('\n', commands).Append("\n```");
            }

            steps.Add(new Recommendation(title, body.ToString(), impact, [source]));
        }

        return steps;
    }

    /// <summary>
    /// The code block right after passage <paramref name="i"/> when that passage introduces it: the block's
    /// introduction is the passage, or its last sentence when the passage is long (<see cref="PassageSplitter"/> keeps
    /// only that); null otherwise.
    /// </summary>
    internal static KnowledgePassage? IntroducedCode(IReadOnlyList<KnowledgePassage> passages, int i)
    {
        if (passages[i].Kind == PassageKind.Code || i + 1 >= passages.Count || passages[i + 1].Kind != PassageKind.Code)
        {
            return null;
        }

        var intro = passages[i + 1].Body.Text.Trim();
        return intro.Length > 0 && passages[i].Text.TrimEnd().EndsWith(intro, StringComparison.Ordinal) ? passages[i + 1] : null;
    }

    /// <summary>The strongest impact tag in <paramref name="text"/>, or null when it has none.</summary>
    internal static StepImpact? ImpactOf(string text) =>
        Disruptive().IsMatch(text) ? StepImpact.Disruptive
        : Changes().IsMatch(text) ? StepImpact.Change
        : ReadOnly().IsMatch(text) ? StepImpact.ReadOnly
        : null;

    /// <summary>Whether an inline code span is a command line: a known program followed by its arguments.</summary>
    internal static bool IsCommand(string code)
    {
        var space = code.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && Programs.Contains(code[..space]);
    }

    /// <summary>
    /// A passage's leading label ("Fix (changes security groups)", "验证（只读）") as the step's title and the rest as
    /// its body; a passage that opens with its tag ("(reads only) sysctl …", "（只读） 在节点上 …") or has no short label
    /// is titled by its impact.
    /// </summary>
    private static (string Title, string Body) Label(string text, StepImpact impact, Language language)
    {
        text = text.Trim();
        if (LeadingTag().Match(text) is { Success: true } tag && ImpactOf(tag.Value) is not null)
        {
            text = text[tag.Length..].TrimStart(' ', ':', '：');
        }
        else if (LabelEnd(text) is var colon and > 0 && ImpactOf(text[..(colon + 1)]) is not null)
        {
            return (text[..colon].Trim(), text[(colon + 1)..].Trim());
        }

        var title = impact switch
        {
            StepImpact.ReadOnly => language.Pick("Check", "检查"),
            StepImpact.Change => language.Pick("Fix", "修复"),
            _ => language.Pick("Fix (disruptive)", "修复（会中断）"),
        };
        return (title, text);
    }

    /// <summary>The first colon outside parentheses ("Check (read-only; flannel: troubleshooting):"), or -1.</summary>
    private static int LabelEnd(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length && i <= MaxLabelLength; i++)
        {
            switch (text[i])
            {
                case '(' or '（':
                    depth++;
                    break;
                case ')' or '）':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ':' or '：' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    /// <summary>A parenthesised tag the passage opens with.</summary>
    [GeneratedRegex(@"^(?:\([^)]{1,80}\)|（[^）]{1,40}）)")]
    private static partial Regex LeadingTag();

    [GeneratedRegex(@"\((?:read-only|read only|reads only)\b[^)]{0,80}\)|^\s*Read-only\b|（[^）]{0,4}只读[^）]{0,40}）|^\s*只读", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadOnly();

    [GeneratedRegex(@"\((?:changes?|changing)\b[^)]{0,80}\)|（[^）]{0,20}修改[^）]{0,40}）", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Changes();

    [GeneratedRegex(@"\((?:disruptive|restarts?|drain)\b[^)]{0,80}\)|（[^）]{0,16}(?:会中断|中断业务|并重启|滚动重启|会重启)[^）]{0,30}）", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Disruptive();
}
