using CniBot.Diagnosis.Calculators;
using CniBot.Inspection;
using CniBot.Loading;

namespace CniBot.Tests.Inspection;

public sealed class KnowledgeFixture
{
    public KnowledgeBase Knowledge { get; } = KnowledgeLoader.Load(Repository.Knowledge);
}

/// <summary>
/// Pasted output from the tools' real formats (TestData/Inspection), healthy and broken: the kind is recognised, the
/// finding names the number to set with its arithmetic, healthy output gets no finding, and every source it cites
/// exists in the shipped knowledge.
/// </summary>
public sealed class OutputInspectorTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private InspectionReport Inspect(string file, string? context = null, Language? language = null) =>
        new OutputInspector(fixture.Knowledge).Inspect(Paste.Of(TestFiles.Read("Inspection", file), context, language));

    public static TheoryData<string, string?, string, Severity?> Fixtures() => new()
    {
        // file, context, kind, worst severity (null: healthy)
        { "ip-link-gcp-calico-vxlan-too-large.txt", "GCP, Calico VXLAN", OutputKinds.IpLink, Severity.Error },
        { "ip-link-calico-ipip-healthy.txt", null, OutputKinds.IpLink, null },
        { "ip-link-calico-veth-above-tunl0.txt", null, OutputKinds.IpLink, Severity.Warning },
        { "ip-link-aws-flannel-jumbo-unused.txt", "AWS", OutputKinds.IpLink, Severity.Info },
        { "ip-link-flannel-vxlan-healthy.txt", null, OutputKinds.IpLink, null },
        { "ip-link-azure-calico-wireguard.txt", "AKS 上的 Calico", OutputKinds.IpLink, Severity.Error },
        { "ip-link-azure-calico-wireguard.txt", null, OutputKinds.IpLink, null },
        { "ip-addr-calico-wireguard-healthy.txt", null, OutputKinds.IpLink, null },
        { "ip-link-calico-wireguard-too-large.txt", null, OutputKinds.IpLink, Severity.Error },
        { "ip-link-no-tunnel.txt", null, OutputKinds.IpLink, null },
        { "calicoctl-all-established.txt", null, OutputKinds.CalicoNodeStatus, null },
        { "calicoctl-peer-connect.txt", null, OutputKinds.CalicoNodeStatus, Severity.Error },
        { "calicoctl-passive.txt", null, OutputKinds.CalicoNodeStatus, Severity.Error },
        { "calicoctl-refused.txt", null, OutputKinds.CalicoNodeStatus, Severity.Error },
        { "calicoctl-not-running.txt", null, OutputKinds.CalicoNodeStatus, Severity.Error },
        { "calicoctl-no-peers.txt", null, OutputKinds.CalicoNodeStatus, Severity.Info },
        { "ping-frag-needed.txt", null, OutputKinds.Ping, Severity.Warning },
        { "ping-message-too-long.txt", "calico vxlan", OutputKinds.Ping, Severity.Warning },
        { "ping-healthy.txt", null, OutputKinds.Ping, null },
        { "ping-black-hole.txt", null, OutputKinds.Ping, Severity.Warning },
        { "tracepath-and-ip-link-flannel.txt", null, OutputKinds.Mixed, Severity.Error },
        { "tracepath-healthy.txt", null, OutputKinds.Tracepath, null },
        { "flannel-subnet-env.txt", "GCP", OutputKinds.FlannelSubnetEnv, Severity.Error },
        { "flannel-subnet-env.txt", null, OutputKinds.FlannelSubnetEnv, null },
        { "conntrack-table-full.txt", null, OutputKinds.Conntrack, Severity.Error },
        { "conntrack-sysctl-nearly-full.txt", null, OutputKinds.Conntrack, Severity.Error },
        { "conntrack-sysctl-healthy.txt", null, OutputKinds.Conntrack, null },
        { "conntrack-stats-insert-failed.txt", null, OutputKinds.Conntrack, Severity.Warning },
        { "log-calico-node-bird.txt", null, OutputKinds.Mixed, Severity.Warning }, // an event line and a felix log line
        { "cilium-status-healthy.txt", null, OutputKinds.CiliumStatus, null },
        { "cilium-status-unreachable.txt", null, OutputKinds.CiliumStatus, Severity.Error },
        { "kubectl-pods-calico-not-ready.txt", null, OutputKinds.KubectlPods, Severity.Error },
        { "kubectl-pods-healthy.txt", null, OutputKinds.KubectlPods, null },
        { "ip-route-calico-healthy.txt", null, OutputKinds.IpRoute, null },
        { "ip-route-no-remote-routes.txt", null, OutputKinds.IpRoute, Severity.Warning },
        { "events-calico-apiserver-refused.txt", null, OutputKinds.KubectlEvents, Severity.Error },
        { "events-calico-unauthorized.txt", null, OutputKinds.Mixed, Severity.Warning },
        { "events-aws-no-ip.txt", null, OutputKinds.Mixed, Severity.Warning },
        { "events-healthy.txt", null, OutputKinds.KubectlEvents, null },
        { "cilium-status-k8s-unreachable.txt", null, OutputKinds.CiliumStatus, Severity.Error },
        { "events-get-events-dockershim.txt", null, OutputKinds.KubectlEvents, Severity.Error },
        { "ping-frag-needed-only.txt", "flannel", OutputKinds.Ping, Severity.Warning },
        { "ip-link-flannel-wireguard-too-large.txt", null, OutputKinds.IpLink, Severity.Error },
        { "flannel-node-annotations-private.txt", "nodes in two clouds over public IPs", OutputKinds.FlannelSubnetEnv, Severity.Warning },
        { "flannel-node-annotations-private.txt", null, OutputKinds.FlannelSubnetEnv, null },
        { "flannel-node-annotations-overwrite.txt", "跨云公网组网", OutputKinds.FlannelSubnetEnv, null },
        { "unknown-output.txt", null, OutputKinds.Unknown, null },
        { "log-aws-node-ipamd-no-ip.txt", null, OutputKinds.Log, Severity.Warning },
        { "log-cilium-agent-api-unreachable.txt", null, OutputKinds.Log, Severity.Warning },
        { "log-flannel-pod-cidr.txt", "flannel 起不来", OutputKinds.Log, Severity.Warning },
        { "log-coredns-hinfo-timeout.txt", null, OutputKinds.Log, Severity.Warning },
        { "log-calico-typha-timeout.txt", null, OutputKinds.Log, Severity.Warning },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_IsRecognised_AndJudged(string file, string? context, string kind, Severity? worst)
    {
        var report = Inspect(file, context);

        Assert.Equal(kind, report.Kind);
        Assert.Equal(worst, report.Findings.Count == 0 ? null : report.Findings[0].Severity);
        Assert.All(report.Findings, f => Assert.NotEmpty(f.Evidence));
        Assert.All(report.Findings, f => Assert.NotEmpty(f.Steps));
        if (worst is null && kind != OutputKinds.Unknown)
        {
            Assert.NotEmpty(report.Summary); // healthy output is said to be healthy, with what was read
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EverySourceAFindingCites_Exists(string file, string? context, string kind, Severity? worst)
    {
        _ = (kind, worst);
        foreach (var language in new[] { Language.En, Language.Zh })
        {
            foreach (var source in Inspect(file, context, language).Findings.SelectMany(f => f.Sources.Concat(f.Steps.SelectMany(s => s.Sources))))
            {
                if (!source.StartsWith("https://", StringComparison.Ordinal))
                {
                    Assert.True(fixture.Knowledge.FindSection("en/" + source) is not null, $"{file}: {source} is no section of the knowledge");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Kind_IsOneDesignMdNames(string file, string? context, string kind, Severity? worst)
    {
        _ = (kind, worst);
        string[] documented = ["ip-link", "ip-route", "calicoctl-node-status", "cilium-status", "flannel-subnet-env", "ping", "tracepath", "kubectl-pods", "kubectl-events", "log", "conntrack", "mixed", "unknown"];
        var report = Inspect(file, context);

        Assert.Contains(report.Kind, documented);
        Assert.All(report.Kinds, k => Assert.Contains(k, documented));
    }

    [Fact]
    public void KnowledgeLinks_AllExist() =>
        Assert.All(KnowledgeLinks.All, link => Assert.NotNull(fixture.Knowledge.FindSection("en/" + link)));

    [Fact]
    public void SandboxFailureExplainedByAKnownMessage_IsNotSummarisedAsNone()
    {
        var report = Inspect("events-aws-no-ip.txt");

        Assert.Contains(report.Findings, f => f.Evidence.Any(e => e.Contains("FailedCreatePodSandBox", StringComparison.Ordinal)));
        Assert.DoesNotContain(report.Summary, s => s.Contains("none says the CNI failed", StringComparison.Ordinal));
    }

    [Fact]
    public void GcpVxlanAt1450_IsTold1410_WithTheArithmeticAndTheVerifyCommand()
    {
        var finding = Inspect("ip-link-gcp-calico-vxlan-too-large.txt", "GCP, Calico VXLAN").Findings[0];

        Assert.Contains("set the tunnel and pod MTU to 1410", finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Working, w => w.Contains("1460 − 50 = 1410", StringComparison.Ordinal));
        Assert.Contains(finding.Evidence, e => e.Contains("vxlan.calico", StringComparison.Ordinal));
        Assert.Contains(finding.Evidence, e => e.Contains("ens4", StringComparison.Ordinal));
        Assert.Contains(finding.Steps, s => s.Impact == StepImpact.ReadOnly && s.Body.Contains("ping -M do -c 3 -s 1382", StringComparison.Ordinal));
        Assert.Contains(finding.Steps, s => s.Impact == StepImpact.Disruptive && s.Body.Contains("\"mtu\":1410", StringComparison.Ordinal));
    }

    [Fact]
    public void ChineseContext_AnswersInChinese()
    {
        var report = Inspect("ip-link-azure-calico-wireguard.txt", "AKS 上的 Calico 跨节点大包不通");

        Assert.Equal(Language.Zh, report.Language);

        // The VNet carries 1400 unfragmented and WireGuard sets Don't Fragment: 1400 − 60; VXLAN at 1450 is fine there.
        var finding = Assert.Single(report.Findings);
        Assert.Contains("wireguard.cali", finding.Title, StringComparison.Ordinal);
        Assert.Contains("把隧道和 Pod 的 MTU 设为 1340", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void PathMtuAndTunnel_PastedTogether_GiveTheFindingNeitherGivesAlone()
    {
        var report = Inspect("tracepath-and-ip-link-flannel.txt");

        Assert.Equal([OutputKinds.IpLink, OutputKinds.Tracepath], report.Kinds.Order());
        var finding = Assert.Single(report.Findings, f => f.Severity == Severity.Error);
        Assert.Contains("1400", finding.Title, StringComparison.Ordinal);
        Assert.Contains("1350", finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Evidence, e => e.Contains("Resume: pmtu 1400", StringComparison.Ordinal) || e.Contains("pmtu 1400", StringComparison.Ordinal));
    }

    [Fact]
    public void PeerNotEstablished_NamesThePeerAndPort179()
    {
        var finding = Inspect("calicoctl-peer-connect.txt").Findings[0];

        Assert.Contains("172.20.196.48", finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Steps, s => s.Body.Contains("nc -zv 172.20.196.48 179", StringComparison.Ordinal));
        Assert.DoesNotContain(finding.Evidence, e => e.Contains("172.28.138.128", StringComparison.Ordinal)); // healthy peers are not evidence
    }

    [Fact]
    public void WrappedInfoCell_IsOnePeer()
    {
        var finding = Inspect("calicoctl-refused.txt").Findings[0];

        Assert.Contains("1 of 1", finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Working, w => w.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public void KnownLogMessage_LeadsWithTheSectionThatExplainsIt()
    {
        var finding = Inspect("log-calico-node-bird.txt").Findings[0];

        Assert.Contains("BIRD is not ready: BGP not established with", finding.Title, StringComparison.Ordinal);
        Assert.Single(finding.Evidence);
        Assert.NotEmpty(finding.Working[0]);
    }

    [Theory]
    [InlineData("log-aws-node-ipamd-no-ip.txt", "aws-vpc-cni#pods-stay-in-containercreating-with-failed-to-assign-an-ip-address-to-container")]
    [InlineData("log-cilium-agent-api-unreachable.txt", "cilium#why-does-the-cilium-agent-time-out-reaching-the-api-server")]
    [InlineData("log-flannel-pod-cidr.txt", "ipam#flannel-crashes-with-pod-cidr-not-assigned-how-do-i-fix-it")]
    [InlineData("log-coredns-hinfo-timeout.txt", "dns#coredns-logs-error-pluginerrors-2-randomrandom-hinfo-read-udp-53-io-timeout")]
    [InlineData("log-calico-typha-timeout.txt", "calico#felix-logs-failed-to-connect-to-typha")]
    public void AgentLog_IsExplainedByTheSectionForItsMessage_QuotingOnlyTheLinesThatShowIt(string file, string section)
    {
        var report = Inspect(file);

        var finding = Assert.Single(report.Findings, f => f.Sources[0].StartsWith(section, StringComparison.Ordinal));
        Assert.All(finding.Evidence, e => Assert.DoesNotContain("level=info", e, StringComparison.Ordinal));
        Assert.All(finding.Evidence, e => Assert.DoesNotContain("\"level\":\"debug\"", e, StringComparison.Ordinal));
        Assert.DoesNotContain(finding.Evidence, e => e.StartsWith("I1130", StringComparison.Ordinal) || e.StartsWith("[INFO]", StringComparison.Ordinal));
    }

    [Fact]
    public void KnownMessage_CarriesTheSectionsTaggedFixAndCheck_WithTheCommandsSetOut()
    {
        var finding = Inspect("log-calico-typha-timeout.txt").Findings[0];

        var fix = Assert.Single(finding.Steps, s => s.Impact == StepImpact.Change);
        Assert.Equal("Fix (changes security groups)", fix.Title);
        Assert.StartsWith("allow TCP 5473 from every node", fix.Body, StringComparison.Ordinal);
        var check = finding.Steps[1];
        Assert.Equal(StepImpact.ReadOnly, check.Impact);
        Assert.Contains("```\nkubectl get pods -A -o wide | grep calico-typha\nnc -zv <typha-node-ip> 5473\n```", check.Body, StringComparison.Ordinal);
        Assert.Equal("Read the whole section", finding.Steps[^1].Title); // and the full section last
    }

    [Fact]
    public void KnownMessage_InChinese_TellsACodeBlockOnce_UnderItsOwnLabel()
    {
        var finding = Assert.Single(
            Inspect("log-flannel-pod-cidr.txt", "flannel 起不来").Findings,
            f => f.Sources[0].StartsWith("flannel#the-kube-flannel-pod-keeps-restarting", StringComparison.Ordinal));

        var evidence = Assert.Single(finding.Steps, s => s.Body.Contains("kubectl -n kube-flannel logs <pod> -c kube-flannel --previous", StringComparison.Ordinal));
        Assert.Equal(StepImpact.ReadOnly, evidence.Impact);
        Assert.StartsWith("先收集证据（只读", evidence.Title, StringComparison.Ordinal);
        Assert.StartsWith("```", evidence.Body, StringComparison.Ordinal);
        Assert.Contains(finding.Steps, s => s.Impact == StepImpact.Disruptive && s.Body.Contains("ip link delete cni0", StringComparison.Ordinal));
    }

    [Fact]
    public void CiliumStatus_UnreachableNodes_FailingControllers_AndAFullRange_AreEachFound()
    {
        var findings = Inspect("cilium-status-unreachable.txt").Findings;

        var health = Assert.Single(findings, f => f.Title.Contains("1 of 3 nodes reachable", StringComparison.Ordinal));
        Assert.Contains(health.Evidence, e => e.StartsWith("worker-2", StringComparison.Ordinal));
        Assert.Contains(health.Steps, s => s.Body.Contains("TCP 4240", StringComparison.Ordinal));
        Assert.Single(findings, f => f.Title.Contains("36/38 healthy", StringComparison.Ordinal) && f.Evidence.Any(e => e.Contains("sync-host-ips", StringComparison.Ordinal)));
        Assert.Single(findings, f => f.Title.Contains("251 of 254", StringComparison.Ordinal) && f.Severity == Severity.Warning);
    }

    [Fact]
    public void KubectlPods_NamesTheNetworkPodNotReady_AndItsNode_WithRestartsKeptWhole()
    {
        var findings = Inspect("kubectl-pods-calico-not-ready.txt").Findings;

        var error = findings[0];
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("calico-node-2xk8p", error.Title, StringComparison.Ordinal);
        Assert.Contains("worker-2", error.Title, StringComparison.Ordinal);
        Assert.Contains(error.Evidence, e => e.Contains("coredns-5d78c9869d-8hxvq", StringComparison.Ordinal)); // CoreDNS is a network Pod too
        var waiting = Assert.Single(findings, f => f.Severity == Severity.Warning);
        Assert.Contains("web-7c9d8f8b6-abcde", waiting.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void SandboxEvent_NamesThePluginAndItsError()
    {
        var finding = Inspect("events-calico-apiserver-refused.txt").Findings[0];

        Assert.Contains("(calico)", finding.Title, StringComparison.Ordinal);
        Assert.Contains("error getting ClusterInformation", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("4f2a1b0c", finding.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("events-aws-no-ip.txt", "failed to assign an IP address to container", "aws-vpc-cni#")]
    // calico.md explains the CNI token in calico-kubeconfig that calico-node no longer renews.
    [InlineData("events-calico-unauthorized.txt", "calico-kubeconfig", "calico#")]
    public void SandboxEvent_WithAMessageTheKnowledgeExplains_IsAnsweredByThatSection_NotTwice(string file, string title, string source)
    {
        var report = Inspect(file);

        var finding = Assert.Single(report.Findings);
        Assert.Contains(title, finding.Title, StringComparison.Ordinal);
        Assert.StartsWith(source, finding.Sources[0], StringComparison.Ordinal);
    }

    [Fact]
    public void CalicoBlackholeRoute_IsSaidToBeNormal()
    {
        var report = Inspect("ip-route-calico-healthy.txt");

        Assert.Empty(report.Findings);
        Assert.Contains(report.Summary, s => s.Contains("2 route(s) to other nodes' Pods via tunl0 (2)", StringComparison.Ordinal) && s.Contains("which is normal", StringComparison.Ordinal));
    }

    [Fact]
    public void LinesQuotingOneSectionsMessages_AreOneFinding_NamedByItsFirstMessage_EvidenceInThePastesOrder()
    {
        // aws-vpc-cni declares "failed to assign an IP address to container" before "DataStore has no available IP/Prefix addresses".
        const string log = """
            {"level":"error","ts":"2026-12-01T08:00:01Z","caller":"ipamd/rpc_handler.go:240","msg":"DataStore has no available IP/Prefix addresses"}
            Warning  FailedCreatePodSandBox  kubelet  rpc error: code = Unknown desc = add cmd: failed to assign an IP address to container
            {"level":"error","ts":"2026-12-01T08:00:09Z","caller":"ipamd/rpc_handler.go:240","msg":"DataStore has no available IP/Prefix addresses"}
            """;

        var report = new OutputInspector(fixture.Knowledge).Inspect(Paste.Of(log));

        var finding = Assert.Single(report.Findings, f => f.Sources[0].StartsWith("aws-vpc-cni#pods-stay-in-containercreating", StringComparison.Ordinal));
        Assert.StartsWith("\"failed to assign an IP address to container\"", finding.Title, StringComparison.Ordinal);
        Assert.Equal(3, finding.Evidence.Count);
        Assert.Contains("ts\":\"2026-12-01T08:00:01Z", finding.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("FailedCreatePodSandBox", finding.Evidence[1], StringComparison.Ordinal);
        Assert.Contains("ts\":\"2026-12-01T08:00:09Z", finding.Evidence[2], StringComparison.Ordinal);
    }

    [Fact]
    public void MessageAMaintainerAddsToTheKnowledge_IsRecognisedInLogs_WithoutCode()
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestFiles.Path("Corpus"), "*", SearchOption.AllDirectories))
        {
            folder.With(Path.GetRelativePath(TestFiles.Path("Corpus"), file), File.ReadAllText(file));
        }

        const string log = "2026-11-30 08:12:01.402 [ERROR][77] felix/vxlan_mgr.go 210: vxlan device mtu mismatch detected device=vxlan.calico";
        Assert.Equal(OutputKinds.Unknown, new OutputInspector(KnowledgeLoader.Load(folder.Root)).Inspect(Paste.Of(log)).Kind);

        var mtu = Path.Combine(folder.Root, "en", "calico-mtu.md");
        File.WriteAllText(mtu, File.ReadAllText(mtu).Replace("updated: 2026-12-04\n", "updated: 2026-12-04\nmessages:\n  which-mtu-should-calico-vxlan-use: [\"vxlan device mtu mismatch detected\"]\n", StringComparison.Ordinal));
        var knowledge = KnowledgeLoader.Load(folder.Root);
        Assert.Empty(knowledge.Diagnostics);

        var finding = Assert.Single(new OutputInspector(knowledge).Inspect(Paste.Of(log)).Findings);
        Assert.Equal(["calico-mtu#which-mtu-should-calico-vxlan-use"], finding.Sources);
        Assert.Contains("Which MTU should Calico VXLAN use?", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void HugePaste_IsBounded()
    {
        var paste = Paste.Of(string.Concat(Enumerable.Repeat("net.netfilter.nf_conntrack_count = 1\n", 20_000)) + new string('x', 50_000));

        Assert.Equal(Paste.MaxLines, paste.Lines.Count);
        Assert.All(paste.Lines, l => Assert.True(l.Length <= Paste.MaxLineLength));
    }

    [Fact]
    public void LongPastedLine_IsCutBeforeAnEmojiThatStraddlesTheBound_NeverInsideIt()
    {
        // Pasted lines come back as evidence in cards and Block Kit: half a surrogate pair would make that JSON ill-formed.
        var straddling = new string('x', Paste.MaxLineLength - 1) + "\U0001F600 and more";

        var paste = Paste.Of(straddling, context: straddling);

        Assert.Equal(new string('x', Paste.MaxLineLength - 1), paste.Lines[0]);
        Assert.Equal(new string('x', Paste.MaxLineLength - 1), paste.Context);
    }
}
