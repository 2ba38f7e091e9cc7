using System.Globalization;

namespace CniBot.Diagnosis.Calculators;

/// <summary>
/// Which pod bandwidth mechanism actually works for the plugin, the pod annotations with units spelled out, the
/// requirements, and an iperf3 plan to measure before and after. Answers: <c>plugin</c> (cilium, calico, other),
/// <c>direction</c> (egress, ingress, both), <c>rate</c> (Mbit/s), <c>priority</c> (high, normal).
/// </summary>
internal sealed class QosCalculator : IDiagnosisCalculator
{
    public string Name => "qos";

    public CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language)
    {
        var plugin = answers.GetValueOrDefault("plugin", "other");
        var direction = answers.GetValueOrDefault("direction", "egress");
        var rate = int.TryParse(answers.GetValueOrDefault("rate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 100;
        var egress = direction is "egress" or "both";
        var ingress = direction is "ingress" or "both";
        var steps = new List<Recommendation>();
        var notes = new List<string>
        {
            // Calico documents the annotations in bits per second; Alibaba ECI reads the same annotation as bytes per
            // second (40M -> 320 Mbit/s); Kubernetes issue #70014 reported unit-conversion bugs.
            language.Pick($"Units: \"{rate}M\" means {rate} megabits per second for Calico and the bandwidth plugin, but Alibaba Cloud ECI reads it as megabytes (40M there is 320 Mbit/s). Measure rather than trust the number.",
                $"单位：对 Calico 和 bandwidth 插件，\"{rate}M\" 表示每秒 {rate} 兆比特；阿里云 ECI 却按兆字节理解（40M 相当于 320 Mbit/s）。以实测为准。"),
        };
        string headline;
        string[] annotations;
        switch (plugin)
        {
            case "cilium":
                headline = language.Pick($"Limit the pod to {rate} Mbit/s with Cilium Bandwidth Manager", $"用 Cilium Bandwidth Manager 把 Pod 限制在 {rate} Mbit/s");
                annotations = [.. Limits("kubernetes.io/egress-bandwidth", "kubernetes.io/ingress-bandwidth", egress, ingress, rate)];
                steps.Add(new Recommendation(
                    language.Pick("Turn on Bandwidth Manager", "开启 Bandwidth Manager"),
                    language.Pick("It is off by default on new installs (older docs said on). It uses EDT and eBPF, not the bandwidth CNI plugin; the kernel needs `CONFIG_NET_SCH_FQ`, and BPF host routing (kernel ≥ 5.10) is strongly recommended.",
                        "新安装默认关闭（旧文档曾说默认开启）。它基于 EDT 和 eBPF，而不是 bandwidth CNI 插件；内核需要 `CONFIG_NET_SCH_FQ`，并强烈建议启用 BPF host routing（内核 ≥ 5.10）。")
                    + "\n```\nhelm upgrade cilium cilium/cilium -n kube-system --reuse-values --set bandwidthManager.enabled=true\nkubectl -n kube-system rollout restart ds/cilium\n```",
                    StepImpact.Disruptive,
                    ["qos#how-do-i-enable-cilium-bandwidth-manager-and-is-it-on-by-default"]));
                if (ingress)
                {
                    notes.Add(language.Pick("Ingress limits: current Cilium docs support `kubernetes.io/ingress-bandwidth` with an eBPF token bucket (PR #36351; native routing needs BPF routing); older docs said it is not supported. Check your version.",
                        "入站限速：当前 Cilium 文档通过 eBPF 令牌桶支持 `kubernetes.io/ingress-bandwidth`（PR #36351；native routing 需要 BPF 路由）；旧文档说不支持。请确认所用版本。"));
                }

                notes.Add(language.Pick("Limits are per pod; pods selected by L7 egress policies are not shaped; same-node traffic is not shaped.",
                    "限速按 Pod 生效；被 L7 出站策略选中的 Pod 不做整形；同节点流量不整形。"));
                steps.Add(new Recommendation(
                    language.Pick("Check that the limit is enforced", "检查限速是否生效"),
                    "```\nkubectl -n kube-system exec ds/cilium -- cilium-dbg status | grep BandwidthManager\nkubectl -n kube-system exec ds/cilium -- cilium-dbg bpf bandwidth list\n```",
                    StepImpact.ReadOnly,
                    ["qos#how-do-i-check-that-cilium-bandwidth-manager-is-enforcing-pod-limits"]));
                break;
            case "calico":
                headline = language.Pick($"Limit the pod to {rate} Mbit/s with Calico QoS annotations", $"用 Calico QoS 注解把 Pod 限制在 {rate} Mbit/s");
                annotations = [.. Limits("qos.projectcalico.org/egressBandwidth", "qos.projectcalico.org/ingressBandwidth", egress, ingress, rate)];
                if (answers.GetValueOrDefault("priority") == "high")
                {
                    // DSCP marking arrived in Calico 3.31; EF (expedited forwarding) is the usual class for priority traffic.
                    annotations = [.. annotations, "qos.projectcalico.org/dscp: \"EF\""];
                }

                notes.Add(language.Pick("Calico QoS controls need Calico Open Source 3.30 or later (DSCP: 3.31). Limits apply immediately, without recreating pods. With the eBPF data plane the nodes need kernel 6.6 or later; the log line \"tcx is not supported. Falling back to tc\" means limits are not enforced.",
                    "Calico QoS 控制需要 Calico Open Source 3.30 或更高版本（DSCP 需 3.31）。限速立即生效，无需重建 Pod。eBPF 数据面要求节点内核 6.6 或更高；日志出现 \"tcx is not supported. Falling back to tc\" 表示限速未生效。"));
                break;
            default:
                headline = language.Pick($"Limit the pod to {rate} Mbit/s with the bandwidth CNI plugin", $"用 bandwidth CNI 插件把 Pod 限制在 {rate} Mbit/s");
                annotations = [.. Limits("kubernetes.io/egress-bandwidth", "kubernetes.io/ingress-bandwidth", egress, ingress, rate)];
                steps.Add(new Recommendation(
                    language.Pick("Chain the bandwidth plugin into the CNI configuration", "在 CNI 配置中串联 bandwidth 插件"),
                    language.Pick("Add it to the plugin list of the node's conflist; it shapes with a token bucket (tbf), and ingress through an ifb device:", "把它加入节点 conflist 的插件列表；它用令牌桶（tbf）整形，入站经由 ifb 设备：")
                    + "\n```\n{ \"type\": \"bandwidth\", \"capabilities\": { \"bandwidth\": true } }\n```\n"
                    + language.Pick("Limits apply to pods created afterwards: recreate the pods.", "限速只作用于之后创建的 Pod：需要重建 Pod。"),
                    StepImpact.Disruptive,
                    ["qos#how-does-the-bandwidth-cni-plugin-limit-pod-traffic"]));
                break;
        }

        steps.Add(new Recommendation(
            language.Pick("Annotate the pod", "给 Pod 加注解"),
            language.Pick("In the pod template (a Deployment's `spec.template.metadata`):", "写在 Pod 模板中（Deployment 的 `spec.template.metadata`）：")
            + "\n```yaml\nmetadata:\n  annotations:\n" + string.Concat(annotations.Select(a => $"    {a}\n")) + "```",
            StepImpact.Change,
            [plugin == "calico" ? "qos#how-do-i-limit-pod-bandwidth-with-calico-qos-annotations" : "qos#are-kubernetesioegress-bandwidth-values-in-bits-or-bytes-per-second"]));
        steps.Add(new Recommendation(
            language.Pick("Measure before and after with iperf3", "用 iperf3 测量前后的效果"),
            language.Pick($"Run the same test before and after the change; with the limit, throughput should settle near {rate} Mbit/s.", $"在变更前后各运行一次相同的测试；限速后吞吐应稳定在 {rate} Mbit/s 左右。")
            + $"\n```\nkubectl exec <server-pod> -- iperf3 -s\nkubectl exec <limited-pod> -- iperf3 -c <server-pod-ip> -t 30{(ingress && !egress ? " -R" : string.Empty)}\n```",
            StepImpact.ReadOnly,
            ["qos#how-do-i-measure-a-pod-bandwidth-limit-with-iperf3"]));
        return new CalculationResult(headline, [], steps, notes);
    }

    private static IEnumerable<string> Limits(string egressKey, string ingressKey, bool egress, bool ingress, int rate)
    {
        if (egress)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{egressKey}: \"{rate}M\"");
        }

        if (ingress)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{ingressKey}: \"{rate}M\"");
        }
    }
}
