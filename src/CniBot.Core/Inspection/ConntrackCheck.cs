using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// Connection tracking: the kernel's "nf_conntrack: table full, dropping packet", the table's use from
/// <c>sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max</c>, and the insert failures and drops
/// <c>conntrack -S</c> counts.
/// </summary>
internal static partial class ConntrackCheck
{
    public static void Run(InspectionState state)
    {
        var lines = state.Paste.Lines;
        var full = lines.Where(l => l.Contains("table full, dropping packet", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).ToArray();
        var count = Value(lines, "nf_conntrack_count");
        var max = Value(lines, "nf_conntrack_max");
        var statistics = lines.Select(l => Statistics().Match(l)).Where(m => m.Success).ToArray();
        if (full.Length == 0 && count is null && max is null && statistics.Length == 0)
        {
            return;
        }

        state.Recognised(OutputKinds.Conntrack);
        var sizing = Steps(state);
        if (full.Length > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Error,
                state.Pick($"The conntrack table is full: the kernel drops new connections ({full.Length} line(s))", $"conntrack 表已满：内核正在丢弃新连接（{full.Length} 行）"),
                [.. full.Take(3)],
                [],
                sizing,
                [KnowledgeLinks.ConntrackFull, KnowledgeLinks.ConntrackSizing]));
        }

        if (count is { } used && max is { } limit && limit.Value > 0)
        {
            var share = (double)used.Value / limit.Value;
            var percent = share.ToString("P0", CultureInfo.InvariantCulture);
            if (share >= 0.75 && full.Length == 0)
            {
                state.Findings.Add(new Finding(
                    share >= 0.9 ? Severity.Error : Severity.Warning,
                    state.Pick($"The conntrack table is {percent} full ({used.Value:N0} of {limit.Value:N0})", $"conntrack 表已用 {percent}（{used.Value:N0} / {limit.Value:N0}）"),
                    [used.Line, limit.Line],
                    [state.Pick("At 100 % the kernel drops new connections and logs \"nf_conntrack: table full, dropping packet\".", "用满后内核会丢弃新连接，并记录 \"nf_conntrack: table full, dropping packet\"。")],
                    sizing,
                    [KnowledgeLinks.ConntrackFull, KnowledgeLinks.ConntrackSizing]));
            }
            else if (share < 0.75)
            {
                state.Summary.Add(state.Pick($"conntrack: {used.Value:N0} of {limit.Value:N0} entries used ({percent}).", $"conntrack：已用 {used.Value:N0} / {limit.Value:N0}（{percent}）。"));
            }
        }

        var failed = statistics.Sum(m => long.Parse(m.Groups["failed"].Value, CultureInfo.InvariantCulture));
        var dropped = statistics.Sum(m => long.Parse(m.Groups["drop"].Value, CultureInfo.InvariantCulture));
        if (failed + dropped > 0)
        {
            state.Findings.Add(new Finding(
                Severity.Warning,
                state.Pick($"conntrack counted {failed:N0} insert failures and {dropped:N0} drops", $"conntrack 统计到 {failed:N0} 次插入失败和 {dropped:N0} 次丢弃"),
                [.. statistics.Where(m => m.Groups["failed"].Value != "0" || m.Groups["drop"].Value != "0").Take(3).Select(m => m.Value.Trim())],
                [state.Pick(
                    "insert_failed grows when two packets of one UDP flow race to create the same entry, the cause of DNS lookups that stall for 5 seconds; drop grows when the table is full.",
                    "insert_failed 在同一 UDP 流的两个包竞争创建同一条目时增长，这正是 DNS 解析卡 5 秒的原因；drop 在表满时增长。")],
                [new(state.Pick("Check for the DNS race", "确认是否是 DNS 竞争"), state.Pick(
                    "Watch `conntrack -S` while Pods resolve names; if insert_failed rises with 5-second lookups, see the DNS section (single-request-reopen, NodeLocal DNSCache).",
                    "在 Pod 解析域名时观察 `conntrack -S`；如果 insert_failed 随 5 秒的解析一起增长，参见 DNS 小节（single-request-reopen、NodeLocal DNSCache）。"), StepImpact.ReadOnly, [KnowledgeLinks.DnsConntrackRace])],
                [KnowledgeLinks.DnsConntrackRace, KnowledgeLinks.ConntrackFull]));
        }
    }

    private static Recommendation[] Steps(InspectionState state) =>
    [
        new(state.Pick("See who fills the table", "看看是谁占满了表"), state.Pick(
            "`conntrack -L -o extended | awk '{print $3}' | sort | uniq -c | sort -rn | head` (by protocol), and `conntrack -S` for drops.",
            "`conntrack -L -o extended | awk '{print $3}' | sort | uniq -c | sort -rn | head`（按协议统计），`conntrack -S` 查看丢弃计数。"), StepImpact.ReadOnly, [KnowledgeLinks.ConntrackFull]),
        new(state.Pick("Raise the limit where kube-proxy sets it", "在 kube-proxy 设置的地方调高上限"), state.Pick(
            "kube-proxy sets nf_conntrack_max to the larger of conntrack.maxPerCore × cores and conntrack.min: raise those in its configuration (a `sysctl -w` alone is overwritten when kube-proxy restarts).",
            "kube-proxy 会把 nf_conntrack_max 设为 conntrack.maxPerCore × 核数与 conntrack.min 中的较大者：在它的配置里调高这两个值（只用 `sysctl -w` 会在 kube-proxy 重启后被覆盖）。"), StepImpact.Change, [KnowledgeLinks.ConntrackSizing]),
    ];

    private static (long Value, string Line)? Value(IReadOnlyList<string> lines, string name)
    {
        foreach (var line in lines)
        {
            if (Sysctl().Match(line) is { Success: true } m && m.Groups["name"].Value == name)
            {
                return (long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture), line.Trim());
            }
        }

        return null;
    }

    // "net.netfilter.nf_conntrack_count = 262041", "/proc/sys/net/netfilter/nf_conntrack_max:262144"
    [GeneratedRegex(@"(?<name>nf_conntrack_(?:count|max))\s{0,4}[=:]\s{0,4}(?<value>\d{1,12})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Sysctl();

    // "cpu=0 found=0 invalid=1 ignore=0 insert=0 insert_failed=12 drop=3 early_drop=0 error=0 search_restart=0"
    [GeneratedRegex(@"cpu=\d{1,4}\s.{0,120}?\binsert_failed=(?<failed>\d{1,15})\s+drop=(?<drop>\d{1,15})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Statistics();
}
