using CniBot.Knowledge;
using CniBot.Search;
using CniBot.Search.Analysis;

namespace CniBot.Tests.Search;

public sealed class QuestionAnalyzerTests
{
    private static QuestionAnalyzer Analyzer(IReadOnlyList<KnowledgeSection>? sections = null)
    {
        var analyzer = new CniAnalyzer(AnalysisRole.Query);
        var glossary = Glossary.Load("- en: [MTU, maximum transmission unit]\n  zh: [最大传输单元]\n- en: [port, ports]\n  zh: [端口]", "g.yaml", new List<KnowledgeDiagnostic>());
        return new QuestionAnalyzer(analyzer, new GlossaryMatcher(glossary, t => TextTokens.Of(analyzer, t)), new KnownMessages(sections ?? []), QuestionAnalyzer.AddressesIn(sections ?? []));
    }

    [Theory]
    [InlineData("192.168.1.10", true)]
    [InlineData("10.96.0.10:53", true)]
    [InlineData("0a:1b:aa:f3:64:00", true)]
    [InlineData("fe80::1c2:3ff", true)]
    [InlineData("a8bd15c0ffee", true)]
    [InlineData("coredns-5d78c9869d-x2x9q", true)]
    [InlineData("cali08d091557e9", true)]
    [InlineData("ip-172-31-12-123", true)]
    [InlineData("2020-05-12T05:08:50", true)]
    [InlineData("2024-05-12", true)]
    [InlineData("2024/01/01", true)]
    [InlineData("2024/01-01", false)]
    [InlineData("3m39s", true)]
    [InlineData("1460(1500-40)", false)]
    [InlineData("30s", false)]
    [InlineData("10.244.0.0/16", false)]
    [InlineData("10.244.2.73.9153", true)] // tcpdump's address.port
    [InlineData("1.28.4", false)]
    [InlineData("8472", false)]
    [InlineData("m5.large", false)]
    [InlineData("v1.26", false)]
    [InlineData("kube-proxy", false)]
    [InlineData("FELIX_IPINIPMTU", false)]
    [InlineData("1450", false)]
    [InlineData("node1", true)]
    [InlineData("k8s-node01", true)]
    [InlineData("master-2", true)]
    [InlineData("slave1", true)]
    [InlineData("vm-16-12-ubuntu", true)]
    [InlineData("node", false)]
    [InlineData("eth0", false)]
    [InlineData("k3s1", false)]
    [InlineData("kube-flannel-ds-dz6hs", true)]
    [InlineData("kube-flannel-ds-sdwjg", true)]
    [InlineData("calico-node-x2x9q", true)]
    [InlineData("node-local-dns", false)]
    [InlineData("0/1", true)]
    [InlineData("3h", true)]
    [InlineData("2d12h", true)]
    [InlineData("5m", false)]
    [InlineData("10.244.0.0/24", false)]
    [InlineData("v", true)] // "k8s v 1.22"
    [InlineData("B", true)] // "cluster B", a list marker
    [InlineData("L2", false)]
    public void MachineNoise_IsDropped_ButConfigurationValuesStay(string token, bool noise) =>
        Assert.Equal(noise, QuestionAnalyzer.IsNoise(token));

    [Theory]
    [InlineData("修改 MTU 後正在運行的 Pod 會生效嗎", "修改 MTU 后正在运行的 Pod 会生效吗")]
    [InlineData("檢查了防火牆，網絡還是不通，一直在重啟", "检查了防火墙，网络还是不通，一直在重启")]
    public void TraditionalChinese_IsSearchedAsSimplified(string traditional, string simplified)
    {
        var analyzer = Analyzer();

        Assert.Equal(
            analyzer.Analyze(simplified).Units.Select(u => u.Term).Order(),
            analyzer.Analyze(traditional).Units.Select(u => u.Term).Order());
    }

    [Fact]
    public void Year_IsSearched_ButIsNothingSpecific_UnlikeAPortOrAnMtu()
    {
        var units = Analyzer().Analyze("Which MTU did VXLAN use in 2022 on port 8472 with 1450?").Units;

        Assert.False(units.Single(u => u.Text == "2022").Specific);
        Assert.True(units.Single(u => u.Text == "8472").Specific);
        Assert.True(units.Single(u => u.Text == "1450").Specific);
    }

    [Theory]
    [InlineData("1.21", true)]
    [InlineData("v1.22.4", true)]
    [InlineData("0.9.0", true)]
    [InlineData("v1.30.2+rke2r1", true)]
    [InlineData("4.18.0-348", true)]
    [InlineData("1450", false)]
    [InlineData("10.244.0.0/16", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("m5.large", false)]
    [InlineData("values.yaml", false)]
    public void ReleaseNumber_IsRecognised(string token, bool version) => Assert.Equal(version, QuestionAnalyzer.IsVersion(token));

    [Fact]
    public void ReleaseNumber_IsSearched_ButWeighsLittle_AndIsNothingSpecific()
    {
        var units = Analyzer().Analyze("Which MTU should VXLAN use with Calico v3.26.1 on port 8472?").Units;

        var version = units.Single(u => u.Text == "v3.26.1");
        Assert.False(version.Specific);
        Assert.True(version.Salience < units.Single(u => u.Text == "8472").Salience / 2);
        Assert.True(units.Single(u => u.Text == "8472").Specific);
    }

    [Fact]
    public void LogLinePrefix_LosesItsProcessThreadAndLineNumbers_NotItsWords()
    {
        var units = Analyzer().Analyze("flanneld[19445]: main.go:205] Using eth1 as external interface\nI0512 05:08:50.991234   28731 vxlan.go:138] VXLAN config: VNI=1 Port=8472").Units;

        Assert.DoesNotContain(units, u => u.Text is "19445" or "205" or "28731" or "138" or "I0512");
        Assert.Contains(units, u => u.Text == "flanneld");
        Assert.Contains(units, u => u.Text == "8472");
        Assert.Contains(units, u => u.Text == "eth1");
    }

    [Fact]
    public void KubernetesEventType_IsDropped_ItsReasonIsKept()
    {
        var units = Analyzer().Analyze("Events:\n  Warning  FailedCreatePodSandBox  3m  kubelet  networkPlugin cni failed\n  Normal   Scheduled  5m  default-scheduler").Units;

        Assert.Contains(units, u => u.Text == "FailedCreatePodSandBox");
        Assert.Contains(units, u => u.Text == "networkPlugin");
        Assert.DoesNotContain(units, u => u.Text is "Warning" or "Normal");

        // Outside an event row they are words.
        var prose = Analyzer().Analyze("Warning: the Normal MTU is 1450 on a NodePort").Units;
        Assert.Contains(prose, u => u.Text == "Warning");
        Assert.Contains(prose, u => u.Text == "Normal");
    }

    [Fact]
    public void CommandOutputBoilerplate_WeighsAsNarrative_ItsValuesDoNot()
    {
        const string question = """
            跨节点 ping 不通
            [k8s@kube-node1 ~]$ ping -c 1 172.30.87.0
            PING 172.30.87.0 (172.30.87.0) 56(84) bytes of data.
            --- 172.30.87.0 ping statistics ---
            1 packets transmitted, 0 received, 100% packet loss, time 0ms
            Chain FORWARD (policy DROP)
            target     prot opt source               destination
                inet 172.30.31.0/32 scope global flannel.1
            """;

        var units = Analyzer().Analyze(question).Units;

        Assert.DoesNotContain(units, u => u.Text == "kube-node1"); // the asker's machine, dropped as noise
        foreach (var boilerplate in new[] { "56", "84", "statistics", "transmitted", "received", "0ms", "Chain", "policy", "target", "prot", "opt", "destination", "inet", "scope", "global" })
        {
            Assert.True(units.Single(u => u.Text == boilerplate).Salience < 0.5, $"'{boilerplate}' weighs like the question");
        }

        foreach (var value in new[] { "100", "FORWARD", "DROP", "flannel.1" })
        {
            Assert.True(units.Single(u => u.Text == value).Salience >= 0.75, $"'{value}' weighs like narrative");
        }
    }

    [Fact]
    public void IssueTemplateEnvironment_UnameAndVersionLines_WeighAsNarrative_TheKernelReleaseDoesNot()
    {
        const string question = """
            Canal leaks pod IPs when iptables is missing

            RKE2 Version:
            rke2 version v1.25.0+rke2r1 (46eaa13645d504c851173a9e59783d21bde1b01d)
            go version go1.19 X:boringcrypto
            Node(s) CPU architecture, OS, and Version:
            Node 1: Linux rancher-mngt-01 5.4.0-1074-kvm #79-Ubuntu SMP Mon Aug 15 18:41:30 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux
            """;

        var units = Analyzer().Analyze(question).Units;

        foreach (var boilerplate in new[] { "rke2r1", "boringcrypto", "rancher-mngt-01", "79-Ubuntu", "SMP", "x86_64", "GNU/Linux" })
        {
            Assert.True(units.Where(u => u.Text == boilerplate).All(u => u.Salience < 0.5), $"'{boilerplate}' weighs like the question");
        }

        Assert.Contains(units, u => u.Text == "5.4.0-1074-kvm");
        foreach (var value in new[] { "Canal", "iptables" })
        {
            Assert.True(units.First(u => u.Text == value).Salience >= 0.75, $"'{value}' weighs like narrative");
        }
    }

    [Fact]
    public void IssueTemplateHeadings_WeighAsNarrative_WhatTheyIntroduceDoesNot()
    {
        // RKE2's and K3s' bug template opens with "Environmental Info:"; once any section quoted a log line with
        // "info", the word weighed like the question in its focus and a right answer's confidence sank.
        const string question = """
            Pod communication not working on RHEL 8.4

            **Environmental Info:**
            **Additional context / logs:** summary of the details below, more information on request
            firewalld is disabled on every node
            """;

        var units = Analyzer().Analyze(question).Units;

        foreach (var template in new[] { "Info", "Additional", "summary", "details", "information" })
        {
            Assert.True(units.Single(u => u.Text == template).Salience < 0.5, $"'{template}' weighs like the question");
        }

        Assert.True(units.Single(u => u.Text == "firewalld").Salience >= 0.5, "'firewalld' weighs like narrative");
    }

    [Fact]
    public void ReleaseListingLine_ItsNamesAndBuildSuffixesWeighAsNarrative_AReleaseInASentenceDoesNot()
    {
        // An issue template's environment line: what is installed, not what is asked. One name with its release in a
        // sentence is not a listing.
        const string question = """
            nil pointer evaluating interface in ranges
            helm v3.7.0, kubectl v1.22.4, cluster k3s v1.22.3+k3s1
            We upgraded calico v3.26.1 and now tunl0 drops packets
            """;

        var units = Analyzer().Analyze(question).Units;

        foreach (var listed in new[] { "helm", "kubectl", "k3s", "k3s1" })
        {
            var unit = units.Single(u => u.Text == listed);
            Assert.True(unit.Salience < 0.5, $"'{listed}' weighs like the question");
            Assert.False(unit.Opening, $"'{listed}' counts as the opening");
        }

        foreach (var asked in new[] { "calico", "tunl0", "pointer" })
        {
            Assert.True(units.First(u => string.Equals(u.Text, asked, StringComparison.OrdinalIgnoreCase)).Salience >= 0.75, $"'{asked}' weighs like narrative");
        }
    }

    [Fact]
    public void WordsSeenOnlyInPastedCode_WeighLessThanTheAskersOwn()
    {
        const string question = """
            NodePort range

            We installed the cluster with the project's playbooks and every service works so far. Now we would like a
            nodePort below the default range, and the API server refuses the manifest. Which flag changes the range?
            ```yaml
            apiVersion: v1
            kind: Service
            spec:
              type: NodePort
              ports:
                - targetPort: 80
                  nodePort: 666
            ```
            """;

        var units = Analyzer().Analyze(question).Units;

        var targetPort = units.Single(u => u.Text == "targetPort");
        var flag = units.Single(u => u.Text == "flag");
        Assert.True(targetPort.InCode);
        Assert.True(targetPort.Salience < flag.Salience, "a key of the pasted manifest weighs like the asker's words");
        Assert.True(targetPort.Salience >= 0.5, "a key of the pasted manifest drops out of the question's focus");

        // A word the asker also writes in prose keeps the prose's weight.
        var nodePort = units.Single(u => u.Term == "nodeport");
        Assert.False(nodePort.InCode);
        Assert.True(nodePort.Salience >= flag.Salience);
    }

    [Fact]
    public void NoiseTheAnalyzerWouldCut_IsDroppedWhole()
    {
        var units = Analyzer().Analyze("| 192.168.5.7 | node-to-node mesh | up | 05:15:16 | Established | at 2020-05-12T05:08:50 on fe80::1c2:3ff, MSS 1460(1500-40)").Units;

        Assert.DoesNotContain(units, u => u.Text is "05" or "15" or "16" or "2020" or "08" or "50" or "fe80" or "1c2" or "3ff");
        Assert.Contains(units, u => u.Text == "Established");
        Assert.Contains(units, u => u.Text == "1460");
    }

    [Fact]
    public void EnglishInAChineseQuestion_IsMarked_ChineseContextIsNot()
    {
        var units = Analyzer().Analyze("kube-proxy 的 ipvs 模式不通 I'm sorry, please forgive my poor English。另外 redis 也不行").Units;

        Assert.True(units.Single(u => u.Text == "forgive").InEnglish);
        Assert.True(units.Single(u => u.Text == "English").InEnglish);
        Assert.False(units.Single(u => u.Text == "ipvs").InEnglish);
        Assert.False(units.Single(u => u.Text == "redis").InEnglish);
    }

    [Fact]
    public void WordsOnlyInFencedCode_AreMarked_WordsAlsoInProseAreNot()
    {
        var units = Analyzer().Analyze("Calico VXLAN drops big packets after I set this:\n```\nvxlanMode: Always\nfooTuning: true\n```\nIs vxlanMode wrong?\n```\nunclosedKey: 1").Units;

        Assert.True(units.Single(u => u.Text == "fooTuning").InCode);
        Assert.True(units.Single(u => u.Text == "unclosedKey").InCode); // an unclosed block runs to the end
        Assert.False(units.Single(u => u.Text == "vxlanMode").InCode); // asked about in prose too
        Assert.False(units.Single(u => u.Text == "packets").InCode);
    }

    [Fact]
    public void WordsOnUnfencedCommandLines_AreMarked_ProseIsNot()
    {
        var question = "Upgrade fails, not enough addresses in the Subnet:\naz network vnet create \\\n    --name $CLUSTER_VNET \\\n    --subnet-prefix 192.168.1.0/24\n[root@master ~]# kubectl get pods -n Vantage\nsomething --with-flag --and-another Quibble\nAzure says the Rollover is stuck.";

        var units = Analyzer().Analyze(question).Units;

        Assert.True(units.Single(u => u.Text == "CLUSTER_VNET").InCode); // a line continued with a backslash
        Assert.True(units.Single(u => u.Text == "vnet").InCode);
        Assert.True(units.Single(u => u.Text == "Vantage").InCode); // after a shell prompt
        Assert.True(units.Single(u => u.Text == "Quibble").InCode); // two long options
        Assert.False(units.Single(u => u.Text == "Rollover").InCode);
        Assert.False(units.Single(u => u.Text == "Subnet").InCode);
    }

    [Fact]
    public void KubectlVersionOutput_IsMarkedLikeCode_ProseAroundItIsNot()
    {
        // Every bug-report template pastes it; its field names would otherwise count as names the knowledge lacks.
        var question = "Pods in a custom VPC cannot reach the GatewayNode\n- Kubernetes version:\nClient Version: version.Info{Major:\"1\", GitVersion:\"v1.26.3\", GitTreeState:\"clean\", GoVersion:\"go1.19.7\", Platform:\"linux/amd64\"}\nKustomize Version: v4.5.7\nServer Version: version.Info{Major:\"1\", BuildDate:\"2023-03-15T13:40:17Z\"}";

        var units = Analyzer().Analyze(question).Units;

        Assert.True(units.Single(u => u.Text == "GitTreeState").InCode);
        Assert.True(units.Single(u => u.Text == "GoVersion").InCode);
        Assert.True(units.Single(u => u.Text == "BuildDate").InCode);
        Assert.True(units.Single(u => u.Text == "Kustomize").InCode);
        Assert.False(units.Single(u => u.Text == "GatewayNode").InCode);
    }

    [Fact]
    public void GlossaryTerm_IsOneConceptUnit_NotItsWords()
    {
        var units = Analyzer().Analyze("What maximum transmission unit and which ports for Calico?").Units;

        Assert.Equal(["MTU", "port", "word"], units.Select(u => u.IsConcept ? (u.Concept == 0 ? "MTU" : "port") : "word").Order());
        Assert.Single(units, u => !u.IsConcept && u.Text == "Calico");
    }

    [Fact]
    public void Narrative_IsDamped_AndTheOpeningLineWeighsMost()
    {
        var question = "Calico VXLAN MTU on AWS. " + string.Concat(Enumerable.Repeat("We followed the docs and tried everything. ", 5)) + "Then tunl0 drops.";

        var units = Analyzer().Analyze(question).Units;

        var calico = units.Single(u => u.Text == "Calico");
        var tried = units.Single(u => u.Text == "tried");
        var tunl0 = units.Single(u => u.Text == "tunl0");
        Assert.True(calico.Opening);
        Assert.True(calico.Salience > tunl0.Salience);
        Assert.True(tunl0.Salience > tried.Salience);
        Assert.False(tunl0.Opening);
        Assert.True(tunl0.Specific);
    }

    [Fact]
    public void TitleAboveABody_WeighsMoreThanTheOpeningOfTheBody()
    {
        var units = Analyzer().Analyze("Calico MTU too small\nWe run a cluster on three hosts and the tunl0 device drops large packets every day.").Units;

        Assert.True(units.Single(u => u.Text == "Calico").Salience > units.Single(u => u.Text == "tunl0").Salience);
        Assert.Equal(units.Single(u => u.Text == "cluster").Salience, units.Single(u => u.Text == "tunl0").Salience);
    }

    [Fact]
    public void OneLineQuestion_HasNoTitle() => Assert.Equal(0, QuestionAnalyzer.TitleEnd("Which MTU should Calico VXLAN use?"));

    [Fact]
    public void RepeatedWord_IsOneUnit_AndPastedNoiseIsNone()
    {
        var units = Analyzer().Analyze("calico calico CALICO 10.0.0.1 coredns-5d78c9869d-x2x9q a8bd15c0ffee").Units;

        Assert.Equal("calico", Assert.Single(units).Term);
    }

    [Fact]
    public void AddressTheKnowledgeNames_IsKept_OtherAddressesAreNoise()
    {
        var section = new KnowledgeSection
        {
            DocumentId = "t", DocumentTitle = "T", Language = Language.En, Path = "knowledge/en/t.md", Heading = "Why does CoreDNS time out to 100.100.2.136?",
            HeadingPath = ["T", "H"], Anchor = "h", Level = 2, Line = 1, Ordinal = 0, Markdown = "x",
            PlainText = "NodeLocal DNSCache listens on 169.254.20.10; route 0.0.0.0 via 10.0.0.1 netmask 255.255.255.0 on 127.0.0.1, pool 10.244.0.0/16.",
        };

        Assert.Equal(["100.100.2.136", "169.254.20.10", "10.0.0.1"], QuestionAnalyzer.AddressesIn([section]));
        var units = Analyzer([section]).Analyze("forward . 100.100.2.136 and 192.168.7.45 time out; nodelocaldns 169.254.20.10:53 at 127.0.0.1 via 0.0.0.0").Units.Select(u => u.Text).ToArray();

        Assert.Contains("100.100.2.136", units);
        Assert.Contains("169.254.20.10", units);
        Assert.DoesNotContain("192.168.7.45", units);
        Assert.DoesNotContain("127.0.0.1", units);
        Assert.DoesNotContain("0.0.0.0", units);
    }

    [Fact]
    public void QuotedKnownMessage_NamesItsSection()
    {
        var section = new KnowledgeSection
        {
            DocumentId = "t", DocumentTitle = "T", Language = Language.En, Path = "knowledge/en/t.md", Heading = "H", HeadingPath = ["T", "H"],
            Anchor = "h", Level = 2, Line = 1, Ordinal = 0, Markdown = "x", PlainText = "x",
            Messages = ["BIRD is not ready: BGP not established"],
        };

        var question = Analyzer([section]).Analyze("calico-node: Readiness probe failed: calico/node is not ready:   BIRD is NOT ready: BGP not established with 10.0.0.2");

        Assert.Equal([0], question.MessageSections);
    }
}
