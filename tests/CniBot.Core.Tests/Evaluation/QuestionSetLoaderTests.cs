using CniBot.Evaluation;
using CniBot.Knowledge;

namespace CniBot.Tests.Evaluation;

public sealed class QuestionSetLoaderTests
{
    [Fact]
    public void Parse_ReadsFactsAnchorsAndOffTopicEntries()
    {
        const string yaml = """
            - id: a
              lang: en
              topic: mtu
              source: https://example.org/q/1
              question: |-
                Which MTU for Calico VXLAN?
                We run 1500.
              facts: ["1450", "vxlanMTU | FELIX_VXLANMTU"]
              checked: [https://docs.example.org/mtu]
            - lang: zh
              question: Calico 需要开放哪些端口？
              anchors: [calico#ports*]
            - lang: offtopic
              asked_in: en
              question: How do I tune Kafka consumer lag?
            """;
        var problems = new List<KnowledgeDiagnostic>();

        var questions = QuestionSetLoader.Parse(yaml, "set.yaml", problems);

        Assert.Empty(problems);
        Assert.Equal(3, questions.Count);
        Assert.Equal("Which MTU for Calico VXLAN?\nWe run 1500.", questions[0].Question);
        Assert.Equal(["vxlanmtu", "felix_vxlanmtu"], questions[0].Facts[1].Alternatives);
        Assert.Equal(["https://docs.example.org/mtu"], questions[0].Checked);
        Assert.Equal(QuestionGroup.Zh, questions[1].Group);
        Assert.Equal("line-10", questions[1].Id);
        Assert.True(questions[2].OffTopic);
    }

    [Theory]
    [InlineData("- lang: fr\n  question: x\n  facts: [1]", "set.yaml:1: 'lang' must be en, zh, mixed or offtopic, not 'fr'")]
    [InlineData("- lang: en\n  question: x", "set.yaml:1: an on-topic question needs 'facts' or 'anchors'")]
    [InlineData("- lang: en\n  facts: [1]", "set.yaml:1: 'question' is missing or empty")]
    [InlineData("- lang: offtopic\n  question: x\n  facts: [1]", "set.yaml:1: an off-topic question expects no answer: leave 'facts' and 'anchors' out")]
    [InlineData("- lang: en\n  question: x\n  facts: [1]\n  expect: [2]", "set.yaml:4: unknown key 'expect' (known: id, lang, question, facts, anchors, topic, source, checked, asked_in, note)")]
    [InlineData("- id: a\n  lang: en\n  question: x\n  facts: [1]\n- id: a\n  lang: en\n  question: y\n  facts: [1]", "set.yaml:5: duplicate id 'a'")]
    [InlineData("lang: en", "set.yaml:1: a question set is a list of entries ('- lang: en ...')")]
    [InlineData("- lang: en\n  question: [x", "set.yaml:2: invalid YAML in the question set: ")]
    public void Parse_ReportsProblemsByPathAndLine(string yaml, string expected)
    {
        var problems = new List<KnowledgeDiagnostic>();

        QuestionSetLoader.Parse(yaml, "set.yaml", problems);

        Assert.Contains(problems, p => p.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1430", "vxlan over ipv6: 1430 bytes", true)]
    [InlineData("179", "bgp uses tcp 1790", false)]
    [InlineData("179", "tcp 179/bgp", true)]
    [InlineData("mtu", "set vxlanmtu", false)]
    [InlineData("FELIX_IPINIPMTU", "env felix_ipinipmtu=1480", true)]
    [InlineData("kubernetes.io/egress-bandwidth", "annotation kubernetes.io/egress-bandwidth: 10M", true)]
    [InlineData("calicoctl  ipam\nrelease", "run calicoctl ipam release --ip", true)]
    [InlineData("8472 | 4789", "udp 4789 (standard)", true)]
    [InlineData("--iface", "flanneld --iface=eth1", true)]
    [InlineData("冲突", "换一个不与 100.64.0.0/10 冲突的 pod 网段", true)]
    [InlineData("1450", "flannel.1 的 mtu 是1450字节", true)]
    [InlineData("1450", "mtu 是14500字节", false)]
    [InlineData("vxlan", "用vxlanmode", false)]
    [InlineData("1.11.1", "upgrade kube-proxy to v1.11.1 or later", true)]
    [InlineData("1.11.1", "随 v1.11.1 发布", true)]
    [InlineData("1.11.1", "kube-proxy-v1.11.1", true)]
    [InlineData("1.11.1", "kv1.11.1", false)]
    [InlineData("1.11.1", "ipv1.11.1", false)]
    public void Fact_MatchesWholeTokenRuns(string fact, string text, bool expected) =>
        Assert.Equal(expected, ExpectedFact.Parse(fact).IsIn(text));
}
