using System.Globalization;
using System.Text;

namespace CniBot.Diagnosis.Calculators;

/// <summary>
/// What to scrape for the plugin (endpoints, ports, how to enable them), a starter set of Prometheus alert rules, and
/// blackbox probes for cross-region latency and path MTU. Answers: <c>plugin</c> (calico, cilium, other),
/// <c>regions</c> (one, many), <c>podmtu</c> (the pod MTU to probe with, optional).
/// </summary>
internal sealed class MonitoringCalculator : IDiagnosisCalculator
{
    public string Name => "monitoring";

    public CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language)
    {
        var plugin = answers.GetValueOrDefault("plugin", "other");
        var multiRegion = answers.GetValueOrDefault("regions") == "many";
        var podMtu = int.TryParse(answers.GetValueOrDefault("podmtu"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 1450;
        var steps = new List<Recommendation>();

        if (plugin == "calico")
        {
            steps.Add(new Recommendation(
                language.Pick("Expose Calico's metrics", "开放 Calico 的指标"),
                language.Pick("Felix metrics are off by default; once on, Felix serves them on TCP 9091. Typha uses 9091 (9093 in the operator example) and calico-kube-controllers 9094 (on by default).",
                    "Felix 指标默认关闭，开启后在 TCP 9091 提供。Typha 使用 9091（operator 示例中为 9093），calico-kube-controllers 使用 9094（默认开启）。")
                + "\n```\nkubectl patch felixconfiguration default --type merge --patch '{\"spec\":{\"prometheusMetricsEnabled\": true}}'\n```",
                StepImpact.Change,
                ["monitoring#how-do-i-enable-calico-felix-typha-and-calico-kube-controllers-metrics-and-on-which-ports"]));
        }
        else if (plugin == "cilium")
        {
            steps.Add(new Recommendation(
                language.Pick("Expose Cilium's and Hubble's metrics", "开放 Cilium 和 Hubble 的指标"),
                language.Pick("The agent serves on 9962, the operator on 9963 (on by default), Envoy on 9964, Hubble metrics on 9965 once listed:", "agent 在 9962，operator 在 9963（默认开启），Envoy 在 9964，Hubble 指标在列出后于 9965 提供：")
                + "\n```\nhelm upgrade cilium cilium/cilium -n kube-system --reuse-values \\\n  --set prometheus.enabled=true --set hubble.enabled=true \\\n  --set hubble.metrics.enabled=\"{dns,drop,tcp,flow,icmp}\"\nkubectl -n kube-system rollout restart ds/cilium\n```",
                StepImpact.Disruptive,
                ["monitoring#which-ports-do-the-cilium-agent-operator-envoy-and-hubble-metrics-use"]));
        }

        steps.Add(new Recommendation(
            language.Pick("Scrape the nodes and DNS", "抓取节点和 DNS 的指标"),
            language.Pick("node_exporter on 9100 (netdev, conntrack, netstat, softnet collectors), CoreDNS on 9153 at /metrics, kube-state-metrics for the CNI DaemonSet.",
                "node_exporter 在 9100（netdev、conntrack、netstat、softnet 采集器），CoreDNS 在 9153 的 /metrics，kube-state-metrics 用于 CNI DaemonSet。")
            + "\n```\ncurl -s http://<node>:9100/metrics | grep -E 'node_nf_conntrack_entries|node_network_receive_drop_total' | head\n```",
            StepImpact.ReadOnly,
            ["monitoring#which-node_exporter-metrics-show-nic-drops-conntrack-usage-tcp-retransmits-and-softnet-drops", "monitoring#how-do-i-monitor-coredns-latency-and-errors-with-prometheus"]));

        steps.Add(new Recommendation(
            language.Pick("Add the alert rules", "添加告警规则"),
            language.Pick("A starter set; the thresholds are starting points to tune, not sourced values:", "一组起步规则；阈值只是调整的起点，并非出自文档：") + "\n```yaml\n" + Rules(plugin, multiRegion) + "```",
            StepImpact.Change,
            ["monitoring#how-do-i-alert-when-the-conntrack-table-or-a-cilium-bpf-map-is-nearly-full", "monitoring#how-do-i-alert-on-rising-packet-drops-from-cilium-or-the-node-nic"]));

        if (multiRegion)
        {
            // ping-sized probe: payload + 8 (ICMP) + 20 (IPv4) = the pod MTU; dont_fragment needs raw sockets and IPv4.
            steps.Add(new Recommendation(
                language.Pick("Probe latency and path MTU between regions", "探测区域间的延迟和路径 MTU"),
                language.Pick($"A blackbox_exporter (port 9115) ICMP module with the don't-fragment bit and a payload of {podMtu} − 28 = {podMtu - 28} bytes fails as soon as the path between regions cannot carry the pod MTU; alert on `probe_success == 0` and graph `probe_icmp_duration_seconds`.",
                    $"blackbox_exporter（端口 9115）的 ICMP 模块设置不分片位、负载 {podMtu} − 28 = {podMtu - 28} 字节，一旦区域间路径承载不了 Pod MTU 就会失败；对 `probe_success == 0` 告警，并绘制 `probe_icmp_duration_seconds`。")
                + "\n```yaml\nmodules:\n  icmp_pmtu:\n    prober: icmp\n    timeout: 5s\n    icmp:\n      preferred_ip_protocol: ip4\n      dont_fragment: true\n      payload_size: " + (podMtu - 28).ToString(CultureInfo.InvariantCulture) + "\n```",
                StepImpact.Change,
                ["monitoring#how-do-i-probe-cross-region-reachability-and-path-mtu-with-blackbox_exporter"]));
        }

        steps.Add(new Recommendation(
            language.Pick("Build the dashboard", "搭建仪表盘"),
            language.Pick("Grafana panels: drops per node and reason, conntrack usage, TCP retransmits, DNS p99, cross-region probe latency and success, CNI DaemonSet availability.",
                "Grafana 面板：按节点和原因统计的丢包、conntrack 使用率、TCP 重传、DNS p99、跨区域探测的延迟和成功率、CNI DaemonSet 可用性。"),
            StepImpact.Change,
            ["monitoring#which-grafana-panels-should-a-cross-region-cni-dashboard-have"]));

        return new CalculationResult(
            language.Pick("Monitoring for your container network", "为容器网络搭建监控"),
            [],
            steps,
            [language.Pick("Alert thresholds (80 %, 90 %, 0.5 s) are our suggestions; tune them to your traffic.", "告警阈值（80%、90%、0.5 秒）是建议值，请按实际流量调整。")]);
    }

    private static string Rules(string plugin, bool multiRegion)
    {
        var rules = new StringBuilder("groups:\n- name: cnibot-network\n  rules:\n");
        void Rule(string name, string expression) => rules.Append(CultureInfo.InvariantCulture, $"  - alert: {name}\n    expr: {expression}\n    for: 10m\n");
        Rule("ConntrackTableNearlyFull", "node_nf_conntrack_entries / node_nf_conntrack_entries_limit > 0.8");
        Rule("NodeReceiveDrops", "rate(node_network_receive_drop_total[5m]) > 0");
        Rule("TcpRetransmitsHigh", "rate(node_netstat_Tcp_RetransSegs[5m]) / rate(node_netstat_Tcp_OutSegs[5m]) > 0.02");
        Rule("CoreDnsSlow", "histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[5m]))) > 0.5");
        Rule("CniDaemonSetUnavailable", "kube_daemonset_status_number_unavailable{daemonset=~\"calico-node|cilium|kube-flannel-ds|aws-node\"} > 0");
        if (plugin == "calico")
        {
            Rule("FelixNotInSync", "felix_resync_state != 3");
        }

        if (plugin == "cilium")
        {
            Rule("CiliumDrops", "sum by (reason) (rate(cilium_drop_count_total[5m])) > 0");
            Rule("CiliumBpfMapNearlyFull", "cilium_bpf_map_pressure >= 0.9");
            Rule("CiliumNodesUnreachable", "cilium_unreachable_nodes > 0");
        }

        if (multiRegion)
        {
            Rule("CrossRegionProbeFailing", "probe_success{job=\"blackbox-icmp\"} == 0");
        }

        return rules.ToString();
    }
}
