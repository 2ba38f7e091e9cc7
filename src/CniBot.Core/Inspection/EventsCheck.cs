using System.Text.RegularExpressions;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>
/// Pod events (<c>kubectl describe pod</c>, <c>kubectl get events</c>): a sandbox the CNI could not set up
/// (FailedCreatePodSandBox with the plugin's error). Runs after the known-message check, so an event whose message a
/// section explains is answered by that section, not twice.
/// </summary>
internal static partial class EventsCheck
{
    public static void Run(InspectionState state)
    {
        var events = state.Paste.Lines.Where(l => Event().IsMatch(l)).Select(l => l.Trim()).ToArray();
        if (events.Length == 0)
        {
            return;
        }

        state.Recognised(OutputKinds.KubectlEvents);
        var explained = state.QuotedLines();
        var failures = events.Where(e => e.Contains("FailedCreatePodSandBox", StringComparison.Ordinal)).ToArray();
        var sandbox = failures.Where(e => !explained.Contains(e)).ToArray();
        if (failures.Length > 0 && sandbox.Length == 0)
        {
            // Every failure quotes a message a section explains: the known-message check has told it.
            return;
        }

        if (sandbox.Length == 0)
        {
            state.Summary.Add(state.Pick($"Events: {events.Length} read; none says the CNI failed to set up a Pod.", $"事件：读到 {events.Length} 条；没有 CNI 为 Pod 配置网络失败的事件。"));
            return;
        }

        var plugin = Plugin().Match(sandbox[0]) is { Success: true } m ? m.Groups["plugin"].Value : null;
        var cause = Cause().Match(sandbox[0]) is { Success: true } c ? c.Groups["cause"].Value.Trim() : sandbox[0];
        state.Findings.Add(new Finding(
            Severity.Error,
            state.Pick(
                $"The CNI{(plugin is null ? string.Empty : $" ({plugin})")} could not set up the Pod's network: {Cut(cause)}",
                $"CNI{(plugin is null ? string.Empty : $"（{plugin}）")}无法为 Pod 配置网络：{Cut(cause)}"),
            [.. sandbox.Take(3)],
            [state.Pick(
                "kubelet asks the CNI plugin named in /etc/cni/net.d to set up each new Pod; until it succeeds the Pod stays in ContainerCreating and the event repeats.",
                "kubelet 会调用 /etc/cni/net.d 中配置的 CNI 插件为每个新 Pod 配置网络；成功之前 Pod 一直处于 ContainerCreating，事件会反复出现。")],
            [
                new(state.Pick("Check the CNI agent on that node", "检查该节点上的 CNI agent"), state.Pick(
                    "`kubectl get pods -A -o wide | grep <node>`: the CNI's Pod there (calico-node, cilium, kube-flannel, aws-node, ...) must be Running and ready; its log names the same error (paste it here).",
                    "`kubectl get pods -A -o wide | grep <节点>`：该节点上的 CNI Pod（calico-node、cilium、kube-flannel、aws-node 等）必须在运行且就绪；它的日志里会有同样的错误（可以贴到这里）。"), StepImpact.ReadOnly, []),
                new(state.Pick("Check the CNI configuration and binaries on the node", "检查节点上的 CNI 配置和二进制文件"), state.Pick(
                    "`ls /etc/cni/net.d/` (the first file in name order wins) and `ls /opt/cni/bin/` (every plugin the config names, such as portmap or bandwidth, must be there).",
                    "`ls /etc/cni/net.d/`（按文件名排序的第一个生效）和 `ls /opt/cni/bin/`（配置中引用的每个插件，如 portmap、bandwidth，都必须存在）。"), StepImpact.ReadOnly, [KnowledgeLinks.CniBinaries]),
            ],
            [KnowledgeLinks.CniBinaries]));
    }

    private static string Cut(string text) => UserText.Fit(text, 161);

    // "  Warning  FailedCreatePodSandBox  2m (x12 over 5m)  kubelet  Failed to create pod sandbox: ..." and the
    // kubectl get events row "5m   Warning   FailedCreatePodSandBox   pod/web-1   Failed to create ..."
    [GeneratedRegex(@"^\s{0,8}(?:(?:\d{1,5}[smhd][\dsmhd]{0,8}|<unknown>)\s{1,20})?(?:Warning|Normal)\s{1,20}[A-Z][A-Za-z]{2,60}\s", RegexOptions.CultureInvariant)]
    private static partial Regex Event();

    [GeneratedRegex(@"plugin type=""(?<plugin>[a-z0-9-]{1,40})""", RegexOptions.CultureInvariant)]
    private static partial Regex Plugin();

    [GeneratedRegex(@"(?:failed \((?:add|delete)\)|networkPlugin cni failed to set up pod [^:]{0,200}network|failed to setup network for sandbox ""[0-9a-f]{0,128}""):\s{0,4}(?<cause>.{1,600})$", RegexOptions.CultureInvariant)]
    private static partial Regex Cause();
}
