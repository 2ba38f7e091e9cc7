using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class SubjectMatcherTests
{
    private static readonly SubjectMatcher Matcher = new(["kube-proxy", "aws-vpc-cni", "flannel", "Calico", "wireguard", "br_netfilter", "resolv.conf", "6443", "双栈"]);

    [Theory]
    [InlineData("kube-proxy runs in IPVS mode", "kube-proxy")]
    [InlineData("is kube proxy needed with Cilium?", "kube-proxy")]
    [InlineData("the kubeproxy pod", "kube-proxy")]
    [InlineData("kube_proxy metrics", "kube-proxy")]
    [InlineData("aws-vpc-cni v1.18 on EKS", "aws-vpc-cni")]
    [InlineData("after an AWS VPC CNI upgrade", "aws-vpc-cni")]
    [InlineData("FLANNEL and CALICO side by side", "flannel", "Calico")]
    [InlineData("calico-node is not ready", "Calico")] // a hyphen ends a word
    [InlineData("modprobe br_netfilter", "br_netfilter")]
    [InlineData("cat /etc/resolv.conf", "resolv.conf")]
    [InlineData("dial tcp 10.0.0.1:6443: i/o timeout", "6443")]
    [InlineData("集群开启双栈后 Pod 没有 IPv6 地址", "双栈")]
    public void Find_NamesTheSubjectsAWholeWordSpells(string text, params string[] expected)
    {
        var found = Matcher.Find(text);

        // As many as expected, and every expected one among them.
        Assert.Equal(expected.Length, Names(found));
        Assert.Equal(1.0, SubjectMatcher.Share(Matcher.Find(string.Join(' ', expected)), found));
    }

    [Theory]
    [InlineData("calicoctl node status")] // a longer word is another word
    [InlineData("kube - proxy")] // parts joined by more than one separator are two words
    [InlineData("wireguardian")]
    public void Find_IgnoresPartsOfOtherWords(string text)
    {
        Assert.Equal(0, Names(Matcher.Find(text)));
    }

    [Fact]
    public void Share_CountsEachSubjectOnce_AndIsZeroWhenNothingIsAsked()
    {
        var asked = Matcher.Find("flannel flannel flannel with wireguard between regions");
        var section = Matcher.Find("Flannel's wireguard-native backend; WireGuard needs UDP 51820");
        var other = Matcher.Find("Calico encrypts with WireGuard too");

        Assert.Equal(1.0, SubjectMatcher.Share(asked, section));
        Assert.Equal(0.5, SubjectMatcher.Share(asked, other));
        Assert.Equal(0.0, SubjectMatcher.Share(Matcher.Find("how do I tune PostgreSQL?"), section));
    }

    [Fact]
    public void ManySubjects_SpanSeveralWords()
    {
        var subjects = Enumerable.Range(0, 130).Select(i => $"tag{i}").ToArray();
        var matcher = new SubjectMatcher(subjects);

        var found = matcher.Find("tag0 tag64 tag129");

        Assert.Equal(3, matcher.Words);
        Assert.Equal(3, Names(found));
        Assert.Equal(1.0 / 3, SubjectMatcher.Share(found, matcher.Find("tag129")), 10);
    }

    [Fact]
    public void For_TakesTheDocumentsTagsPluginsAndClouds()
    {
        using var folder = new TempFolder().With("en/a.md", "---\nid: a\nlang: en\ntags: [ipvs]\nplugins: [calico]\nclouds: [aws]\n---\n# A\n\n## B\n\nText.\n");

        var matcher = SubjectMatcher.For(KnowledgeLoader.Load(folder.Root));

        Assert.Equal(3, Names(matcher.Find("Calico on AWS with IPVS")));
    }

    private static int Names(ulong[] set) => set.Sum(w => System.Numerics.BitOperations.PopCount(w));
}
